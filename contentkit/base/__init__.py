"""The ground floor: what every other floor uses, importing nothing from above.

Errors and the rule-code table, counted words, line ends, dates and local time, slugs, atomic writes,
the journal that makes several writes one, the state folder `.contentkit/`, and the optional extras.
"""
