-- The language an account reads the interface in (issue 13; decision
-- 0034): a code of `core::lang::Lang` ("en", "ru", "fr", "es"), NULL when
-- the account has not chosen one (the browser's Accept-Language decides).
ALTER TABLE users ADD COLUMN language TEXT CHECK (language IS NULL OR language IN ('en', 'ru', 'fr', 'es'));
