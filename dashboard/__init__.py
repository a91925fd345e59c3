"""Wijkdashboard: reach, continuity and coverage of opbouwwerk per wijk."""
