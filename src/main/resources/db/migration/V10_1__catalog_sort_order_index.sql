-- A catalog create without a sortOrder takes the highest one plus one: with this index that is a read of one
-- index entry, not a scan of the whole catalog.
CREATE INDEX catalog_environment_sort_order_idx ON catalog_environment (sort_order);
