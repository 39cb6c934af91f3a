"""Remote engines: OpenAI-compatible servers (llama-server, vLLM, Ollama, LM Studio)
that Prosa chats with through the same engine seam as its local llama.cpp process."""
