"""KV snapshots: a conversation's evaluated prompt, kept so it never has to be read again.

``key`` says when a snapshot is valid, ``file`` reads and writes one file safely,
``store`` keeps the folder within its disk cap, ``memory`` keeps recent ones in RAM,
``folder`` is what the window needs (usage, clearing) without numpy, and ``sizing``
chooses the default caps.  The engine's side (taking the state out of llama.cpp and
putting it back) is ``core.engine.llama.resume``.
"""
