-- Trigram search on connector names (trusted extension: a database owner may create it).
CREATE EXTENSION IF NOT EXISTS pg_trgm;
