-- Registry search at city scale (issue 3).
-- Exact and prefix name matches come from b-tree indexes, so the best hits of
-- a broad query are found without scanning every match.
CREATE INDEX entities_name_zh_lower_idx ON entities (centre_id, lower(name_zh) text_pattern_ops);
--> statement-breakpoint
CREATE INDEX entities_name_en_lower_idx ON entities (centre_id, lower(name_en) text_pattern_ops);
--> statement-breakpoint
CREATE INDEX entities_sector_codes_idx ON entities USING gin (sector_codes);
--> statement-breakpoint
-- entity_counts follows entities statement by statement: one grouped upsert per
-- statement (transition tables), in key order so concurrent writers queue
-- rather than deadlock.
CREATE FUNCTION entity_counts_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO entity_counts (centre_id, category, kind, area_id, n)
      SELECT centre_id, category, coalesce(kind, ''), coalesce(area_id, ''), count(*)::int FROM new_rows WHERE status = 'active' GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
      ON CONFLICT (centre_id, category, kind, area_id) DO UPDATE SET n = entity_counts.n + excluded.n;
  ELSIF TG_OP = 'UPDATE' THEN
    INSERT INTO entity_counts (centre_id, category, kind, area_id, n)
      SELECT centre_id, category, kind, area_id, sum(d)::int FROM (
        SELECT centre_id, category, coalesce(kind, '') AS kind, coalesce(area_id, '') AS area_id, 1 AS d FROM new_rows WHERE status = 'active'
        UNION ALL
        SELECT centre_id, category, coalesce(kind, ''), coalesce(area_id, ''), -1 FROM old_rows WHERE status = 'active'
      ) changes GROUP BY 1, 2, 3, 4 HAVING sum(d) <> 0 ORDER BY 1, 2, 3, 4
      ON CONFLICT (centre_id, category, kind, area_id) DO UPDATE SET n = entity_counts.n + excluded.n;
  ELSE
    INSERT INTO entity_counts (centre_id, category, kind, area_id, n)
      SELECT centre_id, category, coalesce(kind, ''), coalesce(area_id, ''), -count(*)::int FROM old_rows WHERE status = 'active' GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
      ON CONFLICT (centre_id, category, kind, area_id) DO UPDATE SET n = entity_counts.n + excluded.n;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER entity_counts_insert AFTER INSERT ON entities REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION entity_counts_apply();
--> statement-breakpoint
CREATE TRIGGER entity_counts_update AFTER UPDATE ON entities REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION entity_counts_apply();
--> statement-breakpoint
CREATE TRIGGER entity_counts_delete AFTER DELETE ON entities REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION entity_counts_apply();
--> statement-breakpoint
INSERT INTO entity_counts (centre_id, category, kind, area_id, n)
  SELECT centre_id, category, coalesce(kind, ''), coalesce(area_id, ''), count(*)::int FROM entities WHERE status = 'active' GROUP BY 1, 2, 3, 4;
