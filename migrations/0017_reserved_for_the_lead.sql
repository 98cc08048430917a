-- Reserved: the lead's 0017 lands here. This branch (pay-a) needs a 0017 only because the
-- migration runner refuses gaps; delete this file when merging, in favour of the lead's 0017.
SELECT 1;
