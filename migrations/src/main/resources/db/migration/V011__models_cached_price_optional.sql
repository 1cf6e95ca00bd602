-- Junction schema, version 11: a model may have no cached-input price (the README always said it was optional).
-- NULL means the provider publishes none: cached prompt tokens are then billed at the input price (Cost.of).
-- The CHECK of models_prices passes for NULL, as every CHECK does.
ALTER TABLE models ALTER COLUMN cached_input_per_million DROP NOT NULL;
