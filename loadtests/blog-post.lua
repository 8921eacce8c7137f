-- The blog's hot single-resource read for wrk: GET /posts/<random id>?include=author,comments,tags
-- over the seeded posts (ids 1..20000, BLOG_SEED's default), a fixed seed so runs repeat:
--   wrk -t1 -c64 -d10s -s loadtests/blog-post.lua http://127.0.0.1:PORT
math.randomseed(20261130)
request = function()
  return wrk.format("GET", "/posts/" .. math.random(1, 20000) .. "?include=author,comments,tags")
end
