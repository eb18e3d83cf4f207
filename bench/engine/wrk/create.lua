-- create: POST {base}/api/collections/posts/records (URL on the wrk command line) with the
-- 196-byte JSON body of post-body.json, with the bearer token. Every request adds a record.
dofile("common.lua")
local f = assert(io.open("post-body.json", "rb"))
wrk.method = "POST"
wrk.body = f:read("*a")
f:close()
wrk.headers["Content-Type"] = "application/json"
