"""The domain vocabulary: code lists, the period, coordinates. Imports nothing of the package."""
