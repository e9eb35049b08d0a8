"""Community maps co-produced at events, their public pages, exports and posters."""
