-- list-20: GET {base}/api/collections/posts/records?limit=20 (URL on the wrk command line): the first
-- page of the default sort (-createdAt), with the bearer token.
dofile("common.lua")
