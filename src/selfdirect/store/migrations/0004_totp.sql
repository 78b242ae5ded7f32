-- Two-step sign-in with an authenticator app (TOTP). The secret is set when setup begins and
-- enabled once the user has typed a code from the app; totp_last_step stops a code being used
-- twice.
ALTER TABLE users ADD COLUMN totp_secret TEXT;
ALTER TABLE users ADD COLUMN totp_enabled INTEGER NOT NULL DEFAULT 0 CHECK (totp_enabled IN (0, 1));
ALTER TABLE users ADD COLUMN totp_last_step INTEGER NOT NULL DEFAULT 0;
