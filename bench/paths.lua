-- wrk script: requests the paths listed in the file named by WRK_PATHS, one per line, in
-- turn across the connections, with the headers bench/web passes (-H).
local paths = {}
local counter = 0

function init(args)
  for line in io.lines(os.getenv("WRK_PATHS")) do paths[#paths + 1] = line end
end

function request()
  counter = counter + 1
  return wrk.format("GET", paths[(counter % #paths) + 1])
end
