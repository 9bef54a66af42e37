-- wrk script: POST /api/score with the CSV body in the file given after "--".
function init(args)
  local f = assert(io.open(args[1], "rb"))
  wrk.body = f:read("*a")
  f:close()
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "text/csv"
end
