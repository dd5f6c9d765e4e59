"""Data tables of the engine (TOML), each naming its sources."""
