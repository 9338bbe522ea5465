"""What every stage shares: the data types, the error tree, settings, atomic files, the taxonomy, text input."""
