"""The German message catalogue: the .po sources, one per area of the code, and the compiled .mo."""
