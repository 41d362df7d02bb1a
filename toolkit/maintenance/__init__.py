"""Maintainer tools, outside the core: checks of the parameter tree and the procedure for a
new year's riksnorm (paramcheck), the review list when a rule changes (review), and the
tables the book generates from the parameters (tables). They use the core; the core never
imports them.
"""
