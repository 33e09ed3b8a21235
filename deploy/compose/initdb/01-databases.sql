-- Runs once, when the PostgreSQL volume is empty: one database per service that owns data.
CREATE DATABASE catalog;
CREATE DATABASE provisioner;
