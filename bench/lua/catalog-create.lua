-- POST /api/admin/environments: every request a new catalog environment.
dofile(os.getenv("BENCH_DIR") .. "/lua/common.lua")

function request()
  local body = string.format('{"name":"%s","type":"development"}', unique("c"))
  return wrk.format("POST", "/api/admin/environments", json_headers, body)
end
