-- Drives Neovim headless as a user would: the README's configuration (docs/editors/neovim.lua)
-- starts the language server, a briefing is opened, and each check's outcome is written
-- as JSON to $BRIEFING_RESULT for test/neovim/run.mjs to judge. Runs on Neovim 0.7+.
local env = function(name) return assert(os.getenv(name), name .. ' is not set') end
local brief, facts, new_facts, result_path = env('BRIEFING_BRIEF'), env('BRIEFING_FACTS'), env('BRIEFING_NEW_FACTS'), env('BRIEFING_RESULT')
local results = { nvim = tostring(vim.version().major) .. '.' .. vim.version().minor .. '.' .. vim.version().patch }

local function finish()
  local file = assert(io.open(result_path, 'w'))
  file:write(vim.fn.json_encode(results))
  file:close()
  vim.cmd('qall!')
end

-- Any error ends the run with what was found so far, never a hung Neovim.
local ok, err = xpcall(function()
  dofile(env('BRIEFING_NVIM_CONFIG'))
  vim.cmd('edit ' .. vim.fn.fnameescape(brief))
  local buf = vim.api.nvim_get_current_buf()
  results.filetype = vim.bo[buf].filetype

  local function clients() return vim.lsp.buf_get_clients(buf) end
  results.attached = vim.wait(10000, function() return next(clients()) ~= nil end, 50)
  if not results.attached then return end
  local client = select(2, next(clients()))
  results.server = client.server_info or {}

  -- The LSP diagnostics as the server sent them (Neovim keeps them in user_data.lsp).
  local function diagnostics()
    local out = {}
    for _, d in ipairs(vim.diagnostic.get(buf)) do
      local kept = (d.user_data and d.user_data.lsp) or {}
      local code = kept.code or d.code
      -- Back to an LSP diagnostic (positions: the briefing is ASCII, so bytes are UTF-16 units).
      local lsp = {
        range = { start = { line = d.lnum, character = d.col }, ['end'] = { line = d.end_lnum, character = d.end_col } },
        severity = d.severity,
        code = code,
        source = d.source,
        message = d.message,
        data = kept.data,
      }
      table.insert(out, { code = code, message = d.message, lsp = lsp })
    end
    return out
  end
  local function codes()
    local out = {}
    for _, d in ipairs(diagnostics()) do table.insert(out, d.code) end
    table.sort(out)
    return out
  end
  local function has(code)
    for _, c in ipairs(codes()) do if c == code then return true end end
    return false
  end

  -- (a) diagnostics, with the fact file one folder up found (no .git, no workspace folder)
  vim.wait(15000, function() return #codes() > 0 end, 50)
  vim.wait(3000, function() return has('stat.mismatch') end, 50)
  results.diagnostics = codes()

  -- (b) hover on the supported statistic shows the fact's quote
  local function position_of(needle)
    for i, line in ipairs(vim.api.nvim_buf_get_lines(buf, 0, -1, false)) do
      local at = line:find(needle, 1, true)
      if at then return { line = i - 1, character = at } end
    end
  end
  local uri = vim.uri_from_bufnr(buf)
  local hovers = vim.lsp.buf_request_sync(buf, 'textDocument/hover', { textDocument = { uri = uri }, position = position_of('37.4 percent') }, 5000) or {}
  results.hover = ''
  for _, response in pairs(hovers) do
    if response.result and response.result.contents then results.hover = response.result.contents.value or '' end
  end

  -- (c) the quick fix for the undefined note, applied to the buffer
  local undefined
  for _, d in ipairs(diagnostics()) do if d.code == 'note.undefined' then undefined = d.lsp end end
  results.before_action = table.concat(vim.api.nvim_buf_get_lines(buf, 0, -1, false), '\n')
  if undefined then
    local params = { textDocument = { uri = uri }, range = undefined.range, context = { diagnostics = { undefined } } }
    local responses = vim.lsp.buf_request_sync(buf, 'textDocument/codeAction', params, 5000) or {}
    results.actions = {}
    local chosen
    for _, response in pairs(responses) do
      for _, action in ipairs(response.result or {}) do
        table.insert(results.actions, action.title)
        local fixes_note = action.title:match('^Define note') or action.title:match('^Create an empty definition')
        if not chosen and action.edit and fixes_note then chosen = action end
      end
    end
    if chosen then
      results.applied = chosen.title
      vim.lsp.util.apply_workspace_edit(chosen.edit, 'utf-16')
    end
  end
  results.after_action = table.concat(vim.api.nvim_buf_get_lines(buf, 0, -1, false), '\n')
  -- The edit is checked again by the server: wait for its answer before touching the disk.
  vim.wait(5000, function() return not has('note.undefined') end, 50)
  results.after_action_diagnostics = codes()

  -- (d) the fact file is rewritten on disk, with no editor involved: fresh diagnostics arrive
  local file = assert(io.open(facts, 'w'))
  file:write(new_facts)
  file:close()
  results.refreshed = vim.wait(10000, function() return not has('stat.mismatch') end, 50)
  results.after_rewrite = codes()
end, debug.traceback)
if not ok then results.error = err end
finish()
