-- GET of one path (BENCH_PATH): an application environment, or the list of an application's environments.
dofile(os.getenv("BENCH_DIR") .. "/lua/common.lua")

local path = os.getenv("BENCH_PATH")

function request()
  return wrk.format("GET", path, read_headers)
end
