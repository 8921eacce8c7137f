-- HTTP/1.1 pipelining for wrk, as the TechEmpower plaintext test runs it:
--   wrk ... -s loadtests/pipeline.lua http://host:port/plaintext -- 16
-- Every write sends <depth> copies of the request (method, path and -H headers from the command line).
init = function(args)
  local depth = tonumber(args[1]) or 1
  local requests = {}
  for i = 1, depth do
    requests[i] = wrk.format()
  end
  pipelined = table.concat(requests)
end

request = function()
  return pipelined
end
