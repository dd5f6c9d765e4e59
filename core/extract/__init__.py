"""Document (and its resolutions) → facts: citations (`citations`) and votes (`votes/`)."""
