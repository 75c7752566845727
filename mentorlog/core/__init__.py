"""The domain, pure: records, dates, text parsing, validation, reports. No SQL, no Rich, no clock, no files."""
