-- Marsad store, schema 8: a story view records the state of its story it was built from (story_state.version).
-- `marsad worker` builds views outside the writer lock and writes one only if its story has not changed since
-- (putStoryViews skips an older one); views a worker left behind when it died between storing a batch and publishing
-- it are the ones older than their story's state, and are rebuilt (storiesWithStaleView; docs/queue.md).
-- Views written before this schema were built under the writer lock from their story's latest state.
ALTER TABLE story_views ADD COLUMN state_version INTEGER NOT NULL DEFAULT 0;
UPDATE story_views SET state_version = coalesce((SELECT version FROM story_state WHERE story_state.story_id = story_views.story_id), 0);
