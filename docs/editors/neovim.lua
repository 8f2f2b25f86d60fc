-- Briefing Check for Neovim 0.7 to 0.10 (for 0.11 and later, see vim.lsp.config in the
-- README). Starts `briefing-language-server --stdio` for Markdown briefings and JSON fact
-- files, one server per project root (the folder holding .git; none is needed).
vim.api.nvim_create_autocmd('FileType', {
  pattern = { 'markdown', 'json' },
  callback = function(args)
    local config = {
      name = 'briefing',
      cmd = { 'briefing-language-server', '--stdio' },
    }
    if vim.fs then -- 0.8+
      local git = vim.fs.find('.git', { upward = true, path = vim.fs.dirname(vim.api.nvim_buf_get_name(args.buf)) })[1]
      config.root_dir = git and vim.fs.dirname(git)
    end
    if vim.lsp.start then -- 0.8+: reuses a running client of the same name and root
      vim.lsp.start(config, { bufnr = args.buf })
    else -- 0.7: one client for the session
      vim.g.briefing_client = vim.g.briefing_client or vim.lsp.start_client(config)
      vim.lsp.buf_attach_client(args.buf, vim.g.briefing_client)
    end
  end,
})
