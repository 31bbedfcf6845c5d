-- The segments a figure can be about; `parent_segment_id` makes them a tree under `total`.
select segment_id, parent_segment_id, definition, labels_seen
from staging.stg_segments
order by segment_id
