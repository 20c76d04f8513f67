//! Microstructure workspace core (filled below).
