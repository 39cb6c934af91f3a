<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="pt_BR">
<context>
    <name>ChatView</name>
    <message>
        <location filename="../../ui/chat_view.py" line="35" />
        <source>Say hello: the model runs on this computer, and nothing you type leaves it.</source>
        <extracomment>The user asked to see the prompt behind the message at this index.</extracomment>
        <translation>Diga olá: o modelo roda neste computador, e nada do que você digita sai dele.</translation>
    </message>
    <message>
        <location filename="../../ui/chat_view.py" line="74" />
        <source>You</source>
        <extracomment>Document position where each message starts, and its index in the session. Text appended to the live reply so far (what the user sees streaming in). Number of times the live reply grew (for tests of batched streaming).</extracomment>
        <translation>Você</translation>
    </message>
    <message>
        <location filename="../../ui/chat_view.py" line="74" />
        <source>Assistant</source>
        <translation>Assistente</translation>
    </message>
    <message>
        <location filename="../../ui/chat_view.py" line="160" />
        <source>Inspect the prompt of this message…</source>
        <translation>Inspecionar o prompt desta mensagem…</translation>
    </message>
    <message>
        <location filename="../../ui/chat_view.py" line="169" />
        <source>Stopped.</source>
        <translation>Interrompida.</translation>
    </message>
    <message>
        <location filename="../../ui/chat_view.py" line="170" />
        <source>Reached the maximum reply length.</source>
        <translation>Atingiu o tamanho máximo da resposta.</translation>
    </message>
    <message>
        <location filename="../../ui/chat_view.py" line="171" />
        <source>The model's context is full.</source>
        <translation>O contexto do modelo está cheio.</translation>
    </message>
</context>
<context>
    <name>Composer</name>
    <message>
        <location filename="../../ui/composer.py" line="16" />
        <source>Message the model (Enter to send, Shift+Enter for a new line)</source>
        <translation>Mensagem para o modelo (Enter envia, Shift+Enter quebra a linha)</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/main_window.py" line="92" />
        <source>Main</source>
        <extracomment>A bundled split model was assembled (path) or failed (message), off the GUI thread.</extracomment>
        <translation>Principal</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="96" />
        <source>New chat</source>
        <translation>Nova conversa</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="100" />
        <source>Model:</source>
        <translation>Modelo:</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="106" />
        <source>Send</source>
        <translation>Enviar</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="109" />
        <source>Stop</source>
        <translation>Parar</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="111" />
        <source>Stop the reply (Esc)</source>
        <translation>Parar a resposta (Esc)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="113" />
        <source>Inspect…</source>
        <translation>Inspecionar…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="115" />
        <source>Show the exact prompt and tokens the model would read if you sent this message</source>
        <translation>Mostra o prompt exato e os tokens que o modelo leria se você enviasse esta mensagem</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="137" />
        <source>System prompt</source>
        <translation>Prompt de sistema</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="138" />
        <source>Sampling</source>
        <translation>Amostragem</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="139" />
        <source>Engine</source>
        <translation>Motor</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="151" />
        <location filename="../../ui/main_window.py" line="489" />
        <location filename="../../ui/main_window.py" line="514" />
        <source>No model</source>
        <translation>Nenhum modelo</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="162" />
        <source>The chat template in use; click to edit it</source>
        <translation>O template de chat em uso; clique para editá-lo</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="180" />
        <source>How many tokens the model can see at once: the conversation so far plus the reply. More uses more memory.</source>
        <translation>Quantos tokens o modelo enxerga de uma vez: a conversa até agora mais a resposta. Mais contexto usa mais memória.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="186" />
        <source>all</source>
        <translation>todas</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="188" />
        <source>Layers to run on the GPU (needs a GPU build of llama.cpp). 0 runs on the CPU only.</source>
        <translation>Camadas executadas na GPU (requer uma compilação do llama.cpp com GPU). 0 usa só a CPU.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="193" />
        <source>automatic</source>
        <translation>automático</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="197" />
        <source>Automatic</source>
        <translation>Automático</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="198" />
        <source>Chat</source>
        <translation>Chat</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="199" />
        <source>Completion</source>
        <translation>Completar texto</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="201" />
        <source>Chat formats the conversation with a chat template (instruction-tuned models). Completion gives your text to the model as it is, and the model continues it (base models). Automatic decides from the model.</source>
        <translation>Chat formata a conversa com um template de chat (modelos ajustados para instruções). Completar texto entrega seu texto ao modelo como está, e o modelo o continua (modelos base). Automático decide a partir do modelo.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="204" />
        <source>Edit chat template…</source>
        <translation>Editar template de chat…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="206" />
        <source>Reload model with these settings</source>
        <translation>Recarregar o modelo com estas configurações</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="211" />
        <source>Context length</source>
        <translation>Tamanho do contexto</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="212" />
        <source>GPU layers</source>
        <translation>Camadas na GPU</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="213" />
        <source>CPU threads</source>
        <translation>Threads da CPU</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="214" />
        <source>Mode</source>
        <translation>Modo</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="260" />
        <source>No model found. Choose “Open GGUF file…” in the model menu.</source>
        <translation>Nenhum modelo encontrado. Escolha “Abrir arquivo GGUF…” no menu de modelos.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="263" />
        <source>The model %1 crashed the engine last time, so it was not loaded automatically.</source>
        <translation>O modelo %1 derrubou o motor da última vez, por isso não foi carregado automaticamente.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="270" />
        <source>Preparing %1…</source>
        <translation>Preparando %1…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="297" />
        <source>Loading %1…</source>
        <translation>Carregando %1…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="334" />
        <source>File: %1
Context: %2 tokens (trained for %3)
%4
%5</source>
        <translation>Arquivo: %1
Contexto: %2 tokens (treinado para %3)
%4
%5</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="341" />
        <source>Write the beginning of a text; the model continues it</source>
        <translation>Escreva o começo de um texto; o modelo o continua</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="342" />
        <source>Message the model (Enter to send, Shift+Enter for a new line)</source>
        <translation>Mensagem para o modelo (Enter envia, Shift+Enter quebra a linha)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="388" />
        <source>Load a model first.</source>
        <translation>Carregue um modelo primeiro.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="417" />
        <source>Pick a model first.</source>
        <translation>Escolha um modelo primeiro.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="459" />
        <source>%1 tokens…</source>
        <translation>%1 tokens…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="469" />
        <source>%1 tok/s</source>
        <translation>%1 tok/s</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="470" />
        <source>first token %1 ms</source>
        <translation>primeiro token %1 ms</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="477" />
        <source>The prompt could not be built: %1</source>
        <translation>Não foi possível montar o prompt: %1</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="491" />
        <source>The model could not be loaded: %1</source>
        <translation>Não foi possível carregar o modelo: %1</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="517" />
        <source>%1 (engine restarts with the next message)</source>
        <translation>%1 (o motor reinicia na próxima mensagem)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="522" />
        <source>Completion mode</source>
        <translation>Modo de completar texto</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="524" />
        <source>Template: the model's own</source>
        <translation>Template: o do próprio modelo</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="525" />
        <source>Template: the model's tool-use variant</source>
        <translation>Template: a variante do modelo para ferramentas</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="526" />
        <source>Template: your override</source>
        <translation>Template: o seu, personalizado</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="527" />
        <source>Template: built-in %1</source>
        <translation>Template: %1 embutido</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="534" />
        <source>context %1 / %2</source>
        <translation>contexto %1 / %2</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="564" />
        <source>Could not save settings: %1</source>
        <translation>Não foi possível salvar as configurações: %1</translation>
    </message>
</context>
<context>
    <name>ModelPicker</name>
    <message>
        <location filename="../../ui/model_picker.py" line="24" />
        <source>The model that answers. Models run on this computer.</source>
        <extracomment>The user chose a model: a path, or a BundledModel still to be prepared.</extracomment>
        <translation>O modelo que responde. Os modelos rodam neste computador.</translation>
    </message>
    <message>
        <location filename="../../ui/model_picker.py" line="36" />
        <source>%1 (built in)</source>
        <translation>%1 (embutido)</translation>
    </message>
    <message>
        <location filename="../../ui/model_picker.py" line="47" />
        <source>Open GGUF file…</source>
        <translation>Abrir arquivo GGUF…</translation>
    </message>
    <message>
        <location filename="../../ui/model_picker.py" line="68" />
        <source>Open a GGUF model</source>
        <translation>Abrir um modelo GGUF</translation>
    </message>
    <message>
        <location filename="../../ui/model_picker.py" line="69" />
        <source>GGUF models (*.gguf);;All files (*)</source>
        <translation>Modelos GGUF (*.gguf);;Todos os arquivos (*)</translation>
    </message>
</context>
<context>
    <name>PromptInspector</name>
    <message>
        <location filename="../../ui/prompt_inspector.py" line="98" />
        <source>Prompt inspector</source>
        <translation>Inspetor de prompt</translation>
    </message>
    <message>
        <location filename="../../ui/prompt_inspector.py" line="102" />
        <source>Chat template: %1</source>
        <translation>Template de chat: %1</translation>
    </message>
    <message>
        <location filename="../../ui/prompt_inspector.py" line="103" />
        <source>Completion mode: the text is continued as written.</source>
        <translation>Modo de completar texto: o texto é continuado como foi escrito.</translation>
    </message>
    <message>
        <location filename="../../ui/prompt_inspector.py" line="114" />
        <source>%1 tokens of a %2-token context</source>
        <translation>%1 tokens de um contexto de %2 tokens</translation>
    </message>
    <message>
        <location filename="../../ui/prompt_inspector.py" line="126" />
        <source>A message contains text that looks like special tokens. It was read as plain text, so it cannot act as a turn marker.</source>
        <translation>Uma mensagem contém texto parecido com tokens especiais. Ele foi lido como texto comum, então não pode agir como marcador de turno.</translation>
    </message>
    <message>
        <location filename="../../ui/prompt_inspector.py" line="149" />
        <source>Prompt</source>
        <translation>Prompt</translation>
    </message>
    <message>
        <location filename="../../ui/prompt_inspector.py" line="150" />
        <source>Tokens</source>
        <translation>Tokens</translation>
    </message>
    <message>
        <location filename="../../ui/prompt_inspector.py" line="151" />
        <source>Token ids</source>
        <translation>Ids dos tokens</translation>
    </message>
</context>
<context>
    <name>SamplingPanel</name>
    <message>
        <location filename="../../ui/sampling_panel.py" line="82" />
        <source>random</source>
        <extracomment>Slider range when it differs from the accepted range (seed: the slider is useless over 2**32 values, so only the spin box is shown).</extracomment>
        <translation>aleatória</translation>
    </message>
    <message>
        <location filename="../../ui/sampling_panel.py" line="107" />
        <source>Temperature</source>
        <translation>Temperatura</translation>
    </message>
    <message>
        <location filename="../../ui/sampling_panel.py" line="108" />
        <source>Top-k</source>
        <translation>Top-k</translation>
    </message>
    <message>
        <location filename="../../ui/sampling_panel.py" line="109" />
        <source>Top-p</source>
        <translation>Top-p</translation>
    </message>
    <message>
        <location filename="../../ui/sampling_panel.py" line="110" />
        <source>Min-p</source>
        <translation>Min-p</translation>
    </message>
    <message>
        <location filename="../../ui/sampling_panel.py" line="111" />
        <source>Repeat penalty</source>
        <translation>Penalidade de repetição</translation>
    </message>
    <message>
        <location filename="../../ui/sampling_panel.py" line="112" />
        <source>Max tokens</source>
        <translation>Máximo de tokens</translation>
    </message>
    <message>
        <location filename="../../ui/sampling_panel.py" line="113" />
        <source>Seed</source>
        <translation>Semente</translation>
    </message>
    <message>
        <location filename="../../ui/sampling_panel.py" line="119" />
        <source>How adventurous the choice of each next token is. 0 always takes the most likely token (greedy: the same prompt gives the same reply); higher values flatten the odds so less likely words get picked more often.</source>
        <translation>Quão ousada é a escolha de cada próximo token. 0 sempre pega o token mais provável (gulosa: o mesmo prompt dá a mesma resposta); valores maiores achatam as chances, e palavras menos prováveis são escolhidas com mais frequência.</translation>
    </message>
    <message>
        <location filename="../../ui/sampling_panel.py" line="123" />
        <source>Only the k most likely next tokens stay in the draw. 1 is greedy; 0 turns this filter off.</source>
        <translation>Só os k próximos tokens mais prováveis ficam no sorteio. 1 é guloso; 0 desliga este filtro.</translation>
    </message>
    <message>
        <location filename="../../ui/sampling_panel.py" line="126" />
        <source>Keep the smallest set of likely tokens whose probabilities add up to p (nucleus sampling). 1 turns this filter off.</source>
        <translation>Mantém o menor conjunto de tokens prováveis cujas probabilidades somam p (amostragem de núcleo). 1 desliga este filtro.</translation>
    </message>
    <message>
        <location filename="../../ui/sampling_panel.py" line="129" />
        <source>Drop tokens less likely than this fraction of the most likely token's probability. 0 turns this filter off.</source>
        <translation>Descarta tokens menos prováveis que esta fração da probabilidade do token mais provável. 0 desliga este filtro.</translation>
    </message>
    <message>
        <location filename="../../ui/sampling_panel.py" line="132" />
        <source>Makes tokens that appeared recently less likely, against loops. 1 means no penalty.</source>
        <translation>Torna menos prováveis os tokens que apareceram há pouco, contra repetições em laço. 1 significa sem penalidade.</translation>
    </message>
    <message>
        <location filename="../../ui/sampling_panel.py" line="134" />
        <source>The longest reply, in tokens (pieces of words).</source>
        <translation>A resposta mais longa, em tokens (pedaços de palavras).</translation>
    </message>
    <message>
        <location filename="../../ui/sampling_panel.py" line="136" />
        <source>The starting point of the random draw. The same seed, settings and prompt give the same reply; 'random' picks a new seed every time.</source>
        <translation>O ponto de partida do sorteio. A mesma semente, configurações e prompt dão a mesma resposta; 'aleatória' escolhe uma semente nova a cada vez.</translation>
    </message>
    <message>
        <location filename="../../ui/sampling_panel.py" line="191" />
        <source>Greedy: always the most likely token. Top-k, top-p, min-p and the seed have no effect at temperature 0.</source>
        <translation>Gulosa: sempre o token mais provável. Top-k, top-p, min-p e a semente não têm efeito com temperatura 0.</translation>
    </message>
    <message>
        <location filename="../../ui/sampling_panel.py" line="194" />
        <source>Top-k 1 keeps only the most likely token: the reply is greedy whatever the temperature.</source>
        <translation>Top-k 1 mantém só o token mais provável: a resposta é gulosa qualquer que seja a temperatura.</translation>
    </message>
    <message>
        <location filename="../../ui/sampling_panel.py" line="197" />
        <source>Sampling: each token is drawn at random from the likely ones.</source>
        <translation>Amostragem: cada token é sorteado entre os prováveis.</translation>
    </message>
</context>
<context>
    <name>SystemPromptPanel</name>
    <message>
        <location filename="../../ui/system_prompt.py" line="34" />
        <source>Instructions the model reads before the conversation. Each chat keeps its own.</source>
        <extracomment>The text of the current conversation's system prompt changed.</extracomment>
        <translation>Instruções que o modelo lê antes da conversa. Cada conversa guarda as suas.</translation>
    </message>
    <message>
        <location filename="../../ui/system_prompt.py" line="41" />
        <source>Saved system prompts: pick one to use it in this chat.</source>
        <translation>Prompts de sistema salvos: escolha um para usá-lo nesta conversa.</translation>
    </message>
    <message>
        <location filename="../../ui/system_prompt.py" line="46" />
        <source>No system prompt: the model's default behaviour.</source>
        <translation>Sem prompt de sistema: o comportamento padrão do modelo.</translation>
    </message>
    <message>
        <location filename="../../ui/system_prompt.py" line="50" />
        <source>Save as…</source>
        <translation>Salvar como…</translation>
    </message>
    <message>
        <location filename="../../ui/system_prompt.py" line="51" />
        <source>Rename…</source>
        <translation>Renomear…</translation>
    </message>
    <message>
        <location filename="../../ui/system_prompt.py" line="52" />
        <source>Delete</source>
        <translation>Excluir</translation>
    </message>
    <message>
        <location filename="../../ui/system_prompt.py" line="75" />
        <source>(custom)</source>
        <translation>(personalizado)</translation>
    </message>
    <message>
        <location filename="../../ui/system_prompt.py" line="114" />
        <source>Save system prompt</source>
        <translation>Salvar prompt de sistema</translation>
    </message>
    <message>
        <location filename="../../ui/system_prompt.py" line="115" />
        <source>Name:</source>
        <translation>Nome:</translation>
    </message>
    <message>
        <location filename="../../ui/system_prompt.py" line="121" />
        <source>Replace system prompt</source>
        <translation>Substituir prompt de sistema</translation>
    </message>
    <message>
        <location filename="../../ui/system_prompt.py" line="122" />
        <source>A system prompt named “%1” exists. Replace it?</source>
        <translation>Já existe um prompt de sistema chamado “%1”. Substituir?</translation>
    </message>
    <message>
        <location filename="../../ui/system_prompt.py" line="132" />
        <source>Rename system prompt</source>
        <translation>Renomear prompt de sistema</translation>
    </message>
    <message>
        <location filename="../../ui/system_prompt.py" line="133" />
        <source>New name:</source>
        <translation>Novo nome:</translation>
    </message>
    <message>
        <location filename="../../ui/system_prompt.py" line="143" />
        <source>Delete system prompt</source>
        <translation>Excluir prompt de sistema</translation>
    </message>
    <message>
        <location filename="../../ui/system_prompt.py" line="144" />
        <source>Delete the saved system prompt “%1”? The text in this chat stays.</source>
        <translation>Excluir o prompt de sistema salvo “%1”? O texto desta conversa continua.</translation>
    </message>
    <message>
        <location filename="../../ui/system_prompt.py" line="161" />
        <location filename="../../ui/system_prompt.py" line="163" />
        <source>System prompts</source>
        <translation>Prompts de sistema</translation>
    </message>
    <message>
        <location filename="../../ui/system_prompt.py" line="164" />
        <source>Could not save the system prompts: %1</source>
        <translation>Não foi possível salvar os prompts de sistema: %1</translation>
    </message>
</context>
<context>
    <name>TemplateEditor</name>
    <message>
        <location filename="../../ui/template_editor.py" line="46" />
        <source>Chat template: %1</source>
        <extracomment>The user saved: the new override's source, or None to remove the override. (sequence number, rendered text, error message) from the render thread.</extracomment>
        <translation>Template de chat: %1</translation>
    </message>
    <message>
        <location filename="../../ui/template_editor.py" line="55" />
        <source>The chat template turns the conversation into the text the model reads. Changes are saved for this model only and can be undone with “Use the model's own”.</source>
        <translation>O template de chat transforma a conversa no texto que o modelo lê. As mudanças valem só para este modelo e podem ser desfeitas com “Usar o do modelo”.</translation>
    </message>
    <message>
        <location filename="../../ui/template_editor.py" line="78" />
        <source>Template (Jinja)</source>
        <translation>Template (Jinja)</translation>
    </message>
    <message>
        <location filename="../../ui/template_editor.py" line="83" />
        <source>Preview on a sample conversation</source>
        <translation>Prévia com uma conversa de exemplo</translation>
    </message>
    <message>
        <location filename="../../ui/template_editor.py" line="89" />
        <source>Use the model's own</source>
        <translation>Usar o do modelo</translation>
    </message>
    <message>
        <location filename="../../ui/template_editor.py" line="92" />
        <source>Save for this model</source>
        <translation>Salvar para este modelo</translation>
    </message>
    <message>
        <location filename="../../ui/template_editor.py" line="95" />
        <source>Close</source>
        <translation>Fechar</translation>
    </message>
    <message>
        <location filename="../../ui/template_editor.py" line="127" />
        <source>You are a helpful assistant.</source>
        <translation>Você é um assistente prestativo.</translation>
    </message>
    <message>
        <location filename="../../ui/template_editor.py" line="128" />
        <source>Hello! Who are you?</source>
        <translation>Olá! Quem é você?</translation>
    </message>
    <message>
        <location filename="../../ui/template_editor.py" line="129" />
        <source>I am a language model running on your computer.</source>
        <translation>Sou um modelo de linguagem rodando no seu computador.</translation>
    </message>
    <message>
        <location filename="../../ui/template_editor.py" line="131" />
        <source>What can you do?</source>
        <translation>O que você sabe fazer?</translation>
    </message>
</context>
<context>
    <name>TokenTable</name>
    <message>
        <location filename="../../ui/prompt_inspector.py" line="64" />
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <location filename="../../ui/prompt_inspector.py" line="64" />
        <source>Id</source>
        <translation>Id</translation>
    </message>
    <message>
        <location filename="../../ui/prompt_inspector.py" line="64" />
        <source>Piece</source>
        <translation>Pedaço</translation>
    </message>
</context>
<context>
    <name>app</name>
    <message>
        <location filename="../../ui/app.py" line="45" />
        <source>Something went wrong: %1</source>
        <translation>Algo deu errado: %1</translation>
    </message>
</context>
</TS>