"""A writer's material as contentkit reads it, independent of where it is stored.

Headings and the words of each language, the section kinds, a seed (front matter, sections, hooks,
angles, content, title, language), a seed without front matter, idea banks, a draft's first comment,
and the lifecycle states of a seed and its drafts.
"""
