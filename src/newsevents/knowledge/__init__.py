"""Facts shared by several stages (countries, name folding), loaded from the project's data files."""
