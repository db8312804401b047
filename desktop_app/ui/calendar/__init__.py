"""The shared inspection calendar: the page, the painted lane and month views, and what they show."""
