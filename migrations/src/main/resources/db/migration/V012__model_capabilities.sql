-- Junction schema, version 12: what each model of the garden takes beyond text (issue #19): tools, images, files
-- (PDF and other documents), audio input, a json_schema response format, reasoning settings.
-- A request that needs one its model lacks is not sent to it: the variant moves on to its fallback (reason
-- "capability").
--
-- Existing rows get TRUE for every capability, so nothing that worked before this version is refused by it:
--   * rows from the shipped price table (custom = false) are refreshed from the table on the next start, which
--     lists each model's capabilities (engine/src/main/resources/catalog/models.json);
--   * the simulator's built-in models keep all of them (they take anything);
--   * custom rows (added or edited by a user) keep all of them until someone edits them in the model garden
--     (PUT /api/models/{provider}/{model} with "capabilities", or the garden page).
ALTER TABLE models
    ADD COLUMN takes_tools       BOOLEAN NOT NULL DEFAULT TRUE,
    ADD COLUMN takes_images      BOOLEAN NOT NULL DEFAULT TRUE,
    ADD COLUMN takes_files       BOOLEAN NOT NULL DEFAULT TRUE,
    ADD COLUMN takes_audio       BOOLEAN NOT NULL DEFAULT TRUE,
    ADD COLUMN takes_json_schema BOOLEAN NOT NULL DEFAULT TRUE,
    ADD COLUMN takes_reasoning   BOOLEAN NOT NULL DEFAULT TRUE;
