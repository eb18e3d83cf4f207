-- getOne: GET {base}/api/collections/posts/records/{id} of one seeded record (the URL, with the id,
-- is given on the wrk command line), with the bearer token.
dofile("common.lua")
