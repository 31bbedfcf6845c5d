"""Our PDF reader on the ICDAR 2013 table competition, in the shared scorer's predictions format."""
