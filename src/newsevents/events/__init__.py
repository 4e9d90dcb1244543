"""Events: the CAMEO codebook, verb and noun patterns, and the coder that applies them to parses."""
