"""One module per endpoint family; each holds the family's sub-API class."""
