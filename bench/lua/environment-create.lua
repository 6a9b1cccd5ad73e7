-- POST .../applications/{application}/environments: every request a new environment in an application of its
-- own (an application takes only paddock.limits.environments-per-application environments), with one exposed
-- port and one volume: 5 cloud calls on the critical path, 11 in all.
dofile(os.getenv("BENCH_DIR") .. "/lua/common.lua")

local compose = '{"envName":"development","composeDefinition":{"containers":[{"name":"web",'
  .. '"imageReference":{"type":"internal","identifier":"web-latest"},"exposedPorts":[8080],'
  .. '"mountPoints":[{"sourceVolume":"files","containerPath":"/data"}]}]}}'

function request()
  local path = "/api/v3/organizations/bench/applications/" .. unique("a") .. "/environments"
  return wrk.format("POST", path, json_headers, compose)
end
