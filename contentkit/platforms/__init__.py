"""What each platform does with a post, as data: its profile (limit, how it counts, URL length,
folds), X's URL rules, where "...see more" cuts, the post's plain text and its findings, threads.
"""
