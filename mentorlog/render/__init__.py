"""The only package that builds Rich objects: tables, panels and views of records and reports."""
