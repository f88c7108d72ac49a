-- wrk script of bench/load: one kind of request per wrk process, as people of many sessions
-- send them. Read from the environment:
--   WRK_KIND    search | pages (GET the paths of WRK_PATHS in turn), edit (PATCH a random
--               archive of WRK_PATHS: its 联系电话 to a number never sent before), import (POST
--               an aid file of WRK_ROWS rows, never sent before, for the heads in WRK_PEOPLE)
--   WRK_TOKENS  a file of session tokens, one per line: requests take them in turn
--   WRK_THINK   "MIN-MAX" milliseconds a person waits before the next click (0: none)
-- At the end it prints a line `counted KIND 2xx=N other=M written=W statuses=…` (W: the
-- imports' own `written` counts) and writes the 联系电话 of every edit answered 2xx to the
-- file WRK_ANSWERED, from which bench/load checks that every write answered 2xx is in the
-- database.
local kind = os.getenv("WRK_KIND")
local lines, tokens, people = {}, {}, {}
local counter, id = 0, 0
-- Globals, not locals: done() reads them from each thread with thread:get.
ok, other, written = 0, 0, 0
statuses = {}
-- The 联系电话 of every edit answered 2xx, as the answer gives it back.
phones = {}
local think_min, think_max = 0, 0
local threads = {}

function setup(thread)
  id = id + 1
  thread:set("id", id)
  table.insert(threads, thread)
end

local function read(name, into)
  for line in io.lines(name) do into[#into + 1] = line end
end

function init(args)
  math.randomseed(os.time() + id * 7919)
  if os.getenv("WRK_PATHS") then read(os.getenv("WRK_PATHS"), lines) end
  if os.getenv("WRK_PEOPLE") then read(os.getenv("WRK_PEOPLE"), people) end
  read(os.getenv("WRK_TOKENS"), tokens)
  local low, high = (os.getenv("WRK_THINK") or "0"):match("(%d+)-?(%d*)")
  think_min = tonumber(low) or 0
  think_max = tonumber(high) or think_min
end

function delay()
  if think_max == 0 then return 0 end
  return math.random(think_min, think_max)
end

-- The API takes the token as a bearer; a page takes the same session as the browser's cookie.
local function headers(extra, page)
  counter = counter + 1
  local token = tokens[(counter % #tokens) + 1]
  local h = page and { ["Cookie"] = "bangfu_session=" .. token } or { ["Authorization"] = "Bearer " .. token }
  for k, v in pairs(extra or {}) do h[k] = v end
  return h
end

-- A number never sent before by this run: the process id of wrk is not known here, so the
-- thread id, the time at start and a counter make it unique across threads and runs.
local started = os.time() % 100000
local function unique()
  return string.format("%d%05d%06d", id, started, counter)
end

function request()
  if kind == "edit" then
    local path = lines[math.random(#lines)]:gsub("^/archives/", "/api/v1/households/")
    local h = headers({ ["Content-Type"] = "application/json" })
    local phone = "139" .. string.sub(unique(), -8)
    return wrk.format("PATCH", path, h, '{"phone": "' .. phone .. '"}')
  elseif kind == "import" then
    local h = headers({ ["Content-Type"] = "text/csv" })
    local rows = { "身份证号,姓名,救助类型,金额,发放日期,发放单位,受助学生身份证号" }
    local n = tonumber(os.getenv("WRK_ROWS") or "20")
    local mark = unique()
    for i = 1, n do
      local person = people[math.random(#people)]
      -- An amount no earlier row has (the counter in its fen), so no row is "identical".
      local fen = (tonumber(string.sub(mark, -6)) * 100 + i) % 99999999 + 100
      rows[#rows + 1] = string.format("%s,生活救助,%d.%02d,2024-03-15,民政,", person, math.floor(fen / 100), fen % 100)
    end
    return wrk.format("POST", "/api/v1/imports/aid", h, table.concat(rows, "\r\n") .. "\r\n")
  else
    local path = lines[(counter % #lines) + 1]
    return wrk.format("GET", path, headers(nil, true))
  end
end

function response(status, headers, body)
  if status >= 200 and status < 300 then
    ok = ok + 1
    written = written + (tonumber(body:match('"written"%s*:%s*(%d+)')) or 0)
    if kind == "edit" then phones[#phones + 1] = body:match('"phone"%s*:%s*"(%d+)"') end
  else
    other = other + 1
  end
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  local total_ok, total_other, total_written, seen = 0, 0, 0, {}
  for _, thread in ipairs(threads) do
    total_ok = total_ok + thread:get("ok")
    total_other = total_other + thread:get("other")
    total_written = total_written + thread:get("written")
    for status, count in pairs(thread:get("statuses")) do seen[status] = (seen[status] or 0) + count end
  end
  local answered = os.getenv("WRK_ANSWERED") and io.open(os.getenv("WRK_ANSWERED"), "w")
  if answered then
    for _, thread in ipairs(threads) do
      for _, phone in ipairs(thread:get("phones")) do answered:write(phone, "\n") end
    end
    answered:close()
  end
  local parts = {}
  for status, count in pairs(seen) do parts[#parts + 1] = status .. ":" .. count end
  io.write(string.format("counted %s 2xx=%d other=%d written=%d statuses=%s\n", kind, total_ok, total_other, total_written, table.concat(parts, ",")))
end
