<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="pt_BR">
<context>
    <name>AboutDialog</name>
    <message>
        <location filename="../../ui/about_dialog.py" line="39"/>
        <source>About Prosa</source>
        <translation>Sobre o Prosa</translation>
    </message>
    <message>
        <location filename="../../ui/about_dialog.py" line="43"/>
        <location filename="../../ui/about_dialog.py" line="189"/>
        <source>Prosa</source>
        <translation>Prosa</translation>
    </message>
    <message>
        <location filename="../../ui/about_dialog.py" line="48"/>
        <location filename="../../ui/about_dialog.py" line="210"/>
        <source>System</source>
        <translation>Sistema</translation>
    </message>
    <message>
        <location filename="../../ui/about_dialog.py" line="49"/>
        <source>Licences</source>
        <translation>Licenças</translation>
    </message>
    <message>
        <location filename="../../ui/about_dialog.py" line="51"/>
        <source>Copy details</source>
        <translation>Copiar detalhes</translation>
    </message>
    <message>
        <location filename="../../ui/about_dialog.py" line="53"/>
        <source>Copy the version and system details, for a bug report</source>
        <translation>Copia a versão e os detalhes do sistema, para um relato de problema</translation>
    </message>
    <message>
        <location filename="../../ui/about_dialog.py" line="72"/>
        <source>Installed app, built %1</source>
        <translation>App instalado, gerado em %1</translation>
    </message>
    <message>
        <location filename="../../ui/about_dialog.py" line="74"/>
        <source>Running from the source code</source>
        <translation>Executando a partir do código-fonte</translation>
    </message>
    <message>
        <location filename="../../ui/about_dialog.py" line="76"/>
        <source>Private, offline chat with language models that run on your own computer. Prosa formats every conversation with the model&apos;s own chat template and shows the exact prompt, the tokens and their probabilities.</source>
        <translation>Chat privado e offline com modelos de linguagem que rodam no seu próprio computador. O Prosa formata cada conversa com o template de chat do próprio modelo e mostra o prompt exato, os tokens e suas probabilidades.</translation>
    </message>
    <message>
        <location filename="../../ui/about_dialog.py" line="100"/>
        <source>llama.cpp on %1</source>
        <translation>llama.cpp em %1</translation>
    </message>
    <message>
        <location filename="../../ui/about_dialog.py" line="103"/>
        <source>llama.cpp on the processor (%1)</source>
        <translation>llama.cpp no processador (%1)</translation>
    </message>
    <message>
        <location filename="../../ui/about_dialog.py" line="104"/>
        <source>built in</source>
        <translation>embutido</translation>
    </message>
    <message>
        <location filename="../../ui/about_dialog.py" line="106"/>
        <source>Replies computed by</source>
        <translation>Respostas calculadas por</translation>
    </message>
    <message>
        <location filename="../../ui/about_dialog.py" line="107"/>
        <source>Conversations kept in</source>
        <translation>Conversas guardadas em</translation>
    </message>
    <message>
        <location filename="../../ui/about_dialog.py" line="108"/>
        <source>Licence</source>
        <translation>Licença</translation>
    </message>
    <message>
        <location filename="../../ui/about_dialog.py" line="108"/>
        <source>MIT. Prosa ships Qt, llama.cpp, Python and other components under their own licences: see Licences.</source>
        <translation>MIT. O Prosa inclui Qt, llama.cpp, Python e outros componentes sob as licenças deles: veja Licenças.</translation>
    </message>
    <message>
        <location filename="../../ui/about_dialog.py" line="121"/>
        <source>Open folder:</source>
        <translation>Abrir pasta:</translation>
    </message>
    <message>
        <location filename="../../ui/about_dialog.py" line="135"/>
        <source>Data</source>
        <translation>Dados</translation>
    </message>
    <message>
        <location filename="../../ui/about_dialog.py" line="135"/>
        <source>Settings</source>
        <translation>Configurações</translation>
    </message>
    <message>
        <location filename="../../ui/about_dialog.py" line="136"/>
        <source>Cache</source>
        <translation>Cache</translation>
    </message>
    <message>
        <location filename="../../ui/about_dialog.py" line="136"/>
        <source>Logs</source>
        <translation>Registros</translation>
    </message>
    <message>
        <location filename="../../ui/about_dialog.py" line="136"/>
        <source>Models</source>
        <translation>Modelos</translation>
    </message>
    <message>
        <location filename="../../ui/about_dialog.py" line="142"/>
        <source>app</source>
        <translation>app</translation>
    </message>
    <message>
        <location filename="../../ui/about_dialog.py" line="142"/>
        <source>library</source>
        <translation>biblioteca</translation>
    </message>
    <message>
        <location filename="../../ui/about_dialog.py" line="143"/>
        <source>model</source>
        <translation>modelo</translation>
    </message>
    <message>
        <location filename="../../ui/about_dialog.py" line="143"/>
        <source>runtime</source>
        <translation>ambiente de execução</translation>
    </message>
    <message>
        <location filename="../../ui/about_dialog.py" line="144"/>
        <source>Python package</source>
        <translation>pacote Python</translation>
    </message>
    <message>
        <location filename="../../ui/about_dialog.py" line="161"/>
        <source>Prosa is built on the work of others. These are the components it ships and their licences.</source>
        <translation>O Prosa é feito sobre o trabalho de outras pessoas. Estes são os componentes que ele inclui e suas licenças.</translation>
    </message>
    <message>
        <location filename="../../ui/about_dialog.py" line="180"/>
        <source>(The package ships no licence text; its licence is %1.)</source>
        <translation>(O pacote não traz o texto da licença; a licença dele é %1.)</translation>
    </message>
    <message>
        <location filename="../../ui/about_dialog.py" line="192"/>
        <location filename="../../ui/about_dialog.py" line="195"/>
        <source>llama.cpp</source>
        <translation>llama.cpp</translation>
    </message>
    <message>
        <location filename="../../ui/about_dialog.py" line="98"/>
        <location filename="../../ui/about_dialog.py" line="192"/>
        <source>Load a model to see the build and backend in use.</source>
        <translation>Carregue um modelo para ver a versão e o backend em uso.</translation>
    </message>
    <message>
        <location filename="../../ui/about_dialog.py" line="195"/>
        <source>ggml %1, Python bindings %2</source>
        <translation>ggml %1, bindings Python %2</translation>
    </message>
    <message>
        <location filename="../../ui/about_dialog.py" line="198"/>
        <source>CPU backend</source>
        <translation>Backend de CPU</translation>
    </message>
    <message>
        <location filename="../../ui/about_dialog.py" line="201"/>
        <source>GPU</source>
        <translation>GPU</translation>
    </message>
    <message>
        <location filename="../../ui/about_dialog.py" line="201"/>
        <source>none in use (CPU only)</source>
        <translation>nenhuma em uso (só CPU)</translation>
    </message>
    <message>
        <location filename="../../ui/about_dialog.py" line="202"/>
        <source>llama.cpp features</source>
        <translation>Recursos do llama.cpp</translation>
    </message>
    <message>
        <location filename="../../ui/about_dialog.py" line="204"/>
        <source>llama.cpp build flags</source>
        <translation>Opções de compilação do llama.cpp</translation>
    </message>
    <message>
        <location filename="../../ui/about_dialog.py" line="205"/>
        <source>Processor</source>
        <translation>Processador</translation>
    </message>
    <message>
        <location filename="../../ui/about_dialog.py" line="206"/>
        <source>CPU features</source>
        <translation>Recursos da CPU</translation>
    </message>
    <message>
        <location filename="../../ui/about_dialog.py" line="206"/>
        <source>unknown</source>
        <translation>desconhecidos</translation>
    </message>
    <message>
        <location filename="../../ui/about_dialog.py" line="207"/>
        <source>Qt</source>
        <translation>Qt</translation>
    </message>
    <message>
        <location filename="../../ui/about_dialog.py" line="207"/>
        <source>%1 (PySide6 %2)</source>
        <translation>%1 (PySide6 %2)</translation>
    </message>
    <message>
        <location filename="../../ui/about_dialog.py" line="209"/>
        <source>Python</source>
        <translation>Python</translation>
    </message>
    <message>
        <location filename="../../ui/about_dialog.py" line="211"/>
        <source>Installed in</source>
        <translation>Instalado em</translation>
    </message>
    <message>
        <location filename="../../ui/about_dialog.py" line="212"/>
        <source> (portable: data beside the app)</source>
        <translation> (portátil: dados ao lado do app)</translation>
    </message>
    <message>
        <location filename="../../ui/about_dialog.py" line="215"/>
        <source>Folder: %1</source>
        <translation>Pasta: %1</translation>
    </message>
    <message>
        <location filename="../../ui/about_dialog.py" line="220"/>
        <source>built in (this llama.cpp was compiled for one CPU type)</source>
        <translation>embutido (este llama.cpp foi compilado para um tipo de CPU)</translation>
    </message>
    <message>
        <location filename="../../ui/about_dialog.py" line="221"/>
        <source>%1, chosen for this processor from %2 variants</source>
        <translation>%1, escolhida para este processador entre %2 variantes</translation>
    </message>
    <message>
        <location filename="../../ui/about_dialog.py" line="225"/>
        <source>; %1 is skipped because llama.cpp&apos;s AMX code crashes on some processors</source>
        <translation>; %1 é evitada porque o código AMX do llama.cpp trava em alguns processadores</translation>
    </message>
</context>
<context>
    <name>AlternativesPopup</name>
    <message>
        <location filename="../../ui/token_view.py" line="69"/>
        <source>“%1”: %2% likely. The model also weighed:</source>
        <translation>“%1”: %2% de probabilidade. O modelo também considerou:</translation>
    </message>
    <message>
        <location filename="../../ui/token_view.py" line="87"/>
        <source>Continue with this</source>
        <translation>Continuar com este</translation>
    </message>
    <message>
        <location filename="../../ui/token_view.py" line="88"/>
        <source>Regenerate the reply from here with this token instead; the original reply is kept.</source>
        <translation>Gera a resposta de novo a partir daqui com este token; a resposta original é mantida.</translation>
    </message>
    <message>
        <location filename="../../ui/token_view.py" line="94"/>
        <source>chosen</source>
        <translation>escolhido</translation>
    </message>
</context>
<context>
    <name>ChatView</name>
    <message>
        <location filename="../../ui/chat_view.py" line="120"/>
        <source>Say hello: the model runs on this computer, and nothing you type leaves it.</source>
        <extracomment>Where the slices still to insert start in ``scratch`` (ascending; None: not chosen yet, a turn&apos;s work of its own). The user asked to see the prompt behind the message at this index. A message action link was clicked: action (&quot;edit&quot;, &quot;regenerate&quot;, &quot;replay&quot;, &quot;prev&quot;, &quot;next&quot;, &quot;inspect&quot;) and the message&apos;s index. A token of a coloured reply was clicked: message index, token index. The work left for later event-loop turns (older messages, a reply&apos;s rendering) is done: the document is complete.</extracomment>
        <translation>Diga olá: o modelo roda neste computador, e nada do que você digita sai dele.</translation>
    </message>
    <message>
        <location filename="../../ui/chat_view.py" line="185"/>
        <source>You</source>
        <extracomment>Colour replies by how likely each token was (click a token: alternatives). Document position where each message starts, and its index in the session. Text appended to the live reply so far (what the user sees streaming in). Number of times the live reply grew (for tests of batched streaming). About how many characters of content one event-loop turn lays out (about 10 ms); larger changes are split over several turns. The conversation ``show_messages`` shows, and the messages of it not in the document yet: above what is shown (inserted last first) and below it. Nothing was added to the document since ``show_messages``.</extracomment>
        <translation>Você</translation>
    </message>
    <message>
        <location filename="../../ui/chat_view.py" line="185"/>
        <source>Assistant</source>
        <translation>Assistente</translation>
    </message>
    <message>
        <location filename="../../ui/chat_view.py" line="197"/>
        <source>edit</source>
        <translation>editar</translation>
    </message>
    <message>
        <location filename="../../ui/chat_view.py" line="199"/>
        <source>regenerate</source>
        <translation>gerar de novo</translation>
    </message>
    <message>
        <location filename="../../ui/chat_view.py" line="201"/>
        <source>replay</source>
        <translation>repetir</translation>
    </message>
    <message>
        <location filename="../../ui/chat_view.py" line="202"/>
        <source>prompt</source>
        <translation>prompt</translation>
    </message>
    <message>
        <location filename="../../ui/chat_view.py" line="204"/>
        <source>%1 candidates</source>
        <translation>%1 candidatas</translation>
    </message>
    <message>
        <location filename="../../ui/chat_view.py" line="207"/>
        <source>%1 tokens</source>
        <translation>%1 tokens</translation>
    </message>
    <message>
        <location filename="../../ui/chat_view.py" line="209"/>
        <source>(no longer seen by the model)</source>
        <translation>(o modelo não vê mais)</translation>
    </message>
    <message>
        <location filename="../../ui/chat_view.py" line="620"/>
        <source>Inspect the prompt of this message…</source>
        <translation>Inspecionar o prompt desta mensagem…</translation>
    </message>
    <message>
        <location filename="../../ui/chat_view.py" line="626"/>
        <source>Stopped.</source>
        <translation>Interrompida.</translation>
    </message>
    <message>
        <location filename="../../ui/chat_view.py" line="627"/>
        <source>Reached the maximum reply length.</source>
        <translation>Atingiu o tamanho máximo da resposta.</translation>
    </message>
    <message>
        <location filename="../../ui/chat_view.py" line="628"/>
        <source>The model&apos;s context is full.</source>
        <translation>O contexto do modelo está cheio.</translation>
    </message>
    <message>
        <location filename="../../ui/chat_view.py" line="629"/>
        <source>Interrupted: the app or the engine stopped mid-reply.</source>
        <translation>Interrompida: o app ou o motor parou no meio da resposta.</translation>
    </message>
</context>
<context>
    <name>Composer</name>
    <message>
        <location filename="../../ui/composer.py" line="16"/>
        <source>Message the model (Enter to send, Shift+Enter for a new line)</source>
        <translation>Mensagem para o modelo (Enter envia, Shift+Enter quebra a linha)</translation>
    </message>
</context>
<context>
    <name>DownloadsView</name>
    <message>
        <location filename="../../ui/downloads_view.py" line="131"/>
        <source>No downloads. Find models in the “Hugging Face Hub” tab.</source>
        <extracomment>A finished download should be loaded (path of its first file). A download finished and was verified (for the library).</extracomment>
        <translation>Nenhum download. Encontre modelos na aba “Hugging Face Hub”.</translation>
    </message>
    <message>
        <location filename="../../ui/downloads_view.py" line="182"/>
        <source>Downloads</source>
        <translation>Downloads</translation>
    </message>
</context>
<context>
    <name>HubSettingsDialog</name>
    <message>
        <location filename="../../ui/hub_view.py" line="47"/>
        <source>Hub settings</source>
        <extracomment>Context length the fit estimate assumes (the app&apos;s default).</extracomment>
        <translation>Configurações do Hub</translation>
    </message>
    <message>
        <location filename="../../ui/hub_view.py" line="50"/>
        <source>The Hugging Face Hub, or a mirror of it.</source>
        <translation>O Hugging Face Hub, ou um espelho dele.</translation>
    </message>
    <message>
        <location filename="../../ui/hub_view.py" line="54"/>
        <source>hf_… (only for gated and private models)</source>
        <translation>hf_… (só para modelos restritos e privados)</translation>
    </message>
    <message>
        <location filename="../../ui/hub_view.py" line="55"/>
        <source>Offline: never use the network</source>
        <translation>Offline: nunca usar a rede</translation>
    </message>
    <message>
        <location filename="../../ui/hub_view.py" line="58"/>
        <source>Connections use the system proxy from the HTTPS_PROXY and NO_PROXY environment variables.</source>
        <translation>As conexões usam o proxy do sistema, das variáveis de ambiente HTTPS_PROXY e NO_PROXY.</translation>
    </message>
    <message>
        <location filename="../../ui/hub_view.py" line="62"/>
        <source>Hub address</source>
        <translation>Endereço do Hub</translation>
    </message>
    <message>
        <location filename="../../ui/hub_view.py" line="63"/>
        <source>Access token</source>
        <translation>Token de acesso</translation>
    </message>
</context>
<context>
    <name>HubView</name>
    <message>
        <location filename="../../ui/hub_view.py" line="96"/>
        <source>Search GGUF models, e.g. “qwen 7b instruct”</source>
        <extracomment>New Hub settings (endpoint, token, offline), to be saved by the window. A download was queued (job id).</extracomment>
        <translation>Buscar modelos GGUF, por exemplo “qwen 7b instruct”</translation>
    </message>
    <message>
        <location filename="../../ui/hub_view.py" line="99"/>
        <source>Most downloaded</source>
        <translation>Mais baixados</translation>
    </message>
    <message>
        <location filename="../../ui/hub_view.py" line="100"/>
        <source>Most liked</source>
        <translation>Mais curtidos</translation>
    </message>
    <message>
        <location filename="../../ui/hub_view.py" line="101"/>
        <source>Recently updated</source>
        <translation>Atualizados recentemente</translation>
    </message>
    <message>
        <location filename="../../ui/hub_view.py" line="102"/>
        <source>Search</source>
        <translation>Buscar</translation>
    </message>
    <message>
        <location filename="../../ui/hub_view.py" line="104"/>
        <source>Settings…</source>
        <translation>Configurações…</translation>
    </message>
    <message>
        <location filename="../../ui/hub_view.py" line="112"/>
        <source>Model</source>
        <translation>Modelo</translation>
    </message>
    <message>
        <location filename="../../ui/hub_view.py" line="112"/>
        <source>Author</source>
        <translation>Autor</translation>
    </message>
    <message>
        <location filename="../../ui/hub_view.py" line="112"/>
        <source>Parameters</source>
        <translation>Parâmetros</translation>
    </message>
    <message>
        <location filename="../../ui/hub_view.py" line="112"/>
        <source>Downloads</source>
        <translation>Downloads</translation>
    </message>
    <message>
        <location filename="../../ui/hub_view.py" line="113"/>
        <source>Likes</source>
        <translation>Curtidas</translation>
    </message>
    <message>
        <location filename="../../ui/hub_view.py" line="113"/>
        <source>Updated</source>
        <translation>Atualizado</translation>
    </message>
    <message>
        <location filename="../../ui/hub_view.py" line="113"/>
        <source>Licence</source>
        <translation>Licença</translation>
    </message>
    <message>
        <location filename="../../ui/hub_view.py" line="113"/>
        <source>Access</source>
        <translation>Acesso</translation>
    </message>
    <message>
        <location filename="../../ui/hub_view.py" line="115"/>
        <source>Quantization</source>
        <translation>Quantização</translation>
    </message>
    <message>
        <location filename="../../ui/hub_view.py" line="115"/>
        <source>Size</source>
        <translation>Tamanho</translation>
    </message>
    <message>
        <location filename="../../ui/hub_view.py" line="116"/>
        <source>Fits this computer?</source>
        <translation>Cabe neste computador?</translation>
    </message>
    <message>
        <location filename="../../ui/hub_view.py" line="116"/>
        <source>Files</source>
        <translation>Arquivos</translation>
    </message>
    <message>
        <location filename="../../ui/hub_view.py" line="124"/>
        <location filename="../../ui/hub_view.py" line="325"/>
        <source>What is quantization?</source>
        <translation>O que é quantização?</translation>
    </message>
    <message>
        <location filename="../../ui/hub_view.py" line="125"/>
        <location filename="../../ui/hub_view.py" line="294"/>
        <source>Download</source>
        <translation>Baixar</translation>
    </message>
    <message>
        <location filename="../../ui/hub_view.py" line="187"/>
        <source>Searching…</source>
        <translation>Buscando…</translation>
    </message>
    <message>
        <location filename="../../ui/hub_view.py" line="197"/>
        <source>gated</source>
        <translation>restrito</translation>
    </message>
    <message>
        <location filename="../../ui/hub_view.py" line="197"/>
        <source>open</source>
        <translation>aberto</translation>
    </message>
    <message>
        <location filename="../../ui/hub_view.py" line="206"/>
        <source>%1 models found.</source>
        <translation>%1 modelos encontrados.</translation>
    </message>
    <message>
        <location filename="../../ui/hub_view.py" line="207"/>
        <source>No GGUF models match.</source>
        <translation>Nenhum modelo GGUF corresponde.</translation>
    </message>
    <message>
        <location filename="../../ui/hub_view.py" line="223"/>
        <source>Loading the files of %1…</source>
        <translation>Carregando os arquivos de %1…</translation>
    </message>
    <message>
        <location filename="../../ui/hub_view.py" line="248"/>
        <source>fits</source>
        <translation>cabe</translation>
    </message>
    <message>
        <location filename="../../ui/hub_view.py" line="248"/>
        <source>tight</source>
        <translation>apertado</translation>
    </message>
    <message>
        <location filename="../../ui/hub_view.py" line="249"/>
        <source>too big</source>
        <translation>grande demais</translation>
    </message>
    <message>
        <location filename="../../ui/hub_view.py" line="254"/>
        <source>%1 parts</source>
        <translation>%1 partes</translation>
    </message>
    <message>
        <location filename="../../ui/hub_view.py" line="268"/>
        <source>Recommended: %1 (%2), the best quality that fits this computer comfortably with a %3-token context.</source>
        <translation>Recomendado: %1 (%2), a melhor qualidade que cabe com folga neste computador com um contexto de %3 tokens.</translation>
    </message>
    <message>
        <location filename="../../ui/hub_view.py" line="274"/>
        <source>No file of this model fits this computer comfortably.</source>
        <translation>Nenhum arquivo deste modelo cabe com folga neste computador.</translation>
    </message>
    <message>
        <location filename="../../ui/hub_view.py" line="276"/>
        <source>%1 files.</source>
        <translation>%1 arquivos.</translation>
    </message>
    <message>
        <location filename="../../ui/hub_view.py" line="307"/>
        <source>Hub settings</source>
        <translation>Configurações do Hub</translation>
    </message>
    <message>
        <location filename="../../ui/hub_view.py" line="308"/>
        <source>The Hub address must start with http:// or https://.</source>
        <translation>O endereço do Hub deve começar com http:// ou https://.</translation>
    </message>
</context>
<context>
    <name>JobRow</name>
    <message>
        <location filename="../../ui/downloads_view.py" line="54"/>
        <source>%1 (%2 parts)</source>
        <translation>%1 (%2 partes)</translation>
    </message>
    <message>
        <location filename="../../ui/downloads_view.py" line="62"/>
        <source>Pause</source>
        <translation>Pausar</translation>
    </message>
    <message>
        <location filename="../../ui/downloads_view.py" line="63"/>
        <location filename="../../ui/downloads_view.py" line="114"/>
        <source>Resume</source>
        <translation>Continuar</translation>
    </message>
    <message>
        <location filename="../../ui/downloads_view.py" line="64"/>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <location filename="../../ui/downloads_view.py" line="65"/>
        <source>Load</source>
        <translation>Carregar</translation>
    </message>
    <message>
        <location filename="../../ui/downloads_view.py" line="88"/>
        <source>%1 of %2 · %3/s · %4 left</source>
        <translation>%1 de %2 · %3/s · faltam %4</translation>
    </message>
    <message>
        <location filename="../../ui/downloads_view.py" line="96"/>
        <source>Waiting…</source>
        <translation>Aguardando…</translation>
    </message>
    <message>
        <location filename="../../ui/downloads_view.py" line="97"/>
        <source>Paused</source>
        <translation>Pausado</translation>
    </message>
    <message>
        <location filename="../../ui/downloads_view.py" line="98"/>
        <source>Checking the SHA-256…</source>
        <translation>Conferindo o SHA-256…</translation>
    </message>
    <message>
        <location filename="../../ui/downloads_view.py" line="99"/>
        <source>Downloaded and verified</source>
        <translation>Baixado e verificado</translation>
    </message>
    <message>
        <location filename="../../ui/downloads_view.py" line="100"/>
        <source>Cancelled</source>
        <translation>Cancelado</translation>
    </message>
    <message>
        <location filename="../../ui/downloads_view.py" line="113"/>
        <source>Retry</source>
        <translation>Tentar de novo</translation>
    </message>
</context>
<context>
    <name>LibraryView</name>
    <message>
        <location filename="../../ui/library_view.py" line="45"/>
        <source>Model</source>
        <extracomment>The user asked to load this model (path). A scan finished (the entries), for the model menu and tests.</extracomment>
        <translation>Modelo</translation>
    </message>
    <message>
        <location filename="../../ui/library_view.py" line="45"/>
        <source>Architecture</source>
        <translation>Arquitetura</translation>
    </message>
    <message>
        <location filename="../../ui/library_view.py" line="45"/>
        <source>Parameters</source>
        <translation>Parâmetros</translation>
    </message>
    <message>
        <location filename="../../ui/library_view.py" line="46"/>
        <source>Quantization</source>
        <translation>Quantização</translation>
    </message>
    <message>
        <location filename="../../ui/library_view.py" line="46"/>
        <source>Context</source>
        <translation>Contexto</translation>
    </message>
    <message>
        <location filename="../../ui/library_view.py" line="46"/>
        <source>Size</source>
        <translation>Tamanho</translation>
    </message>
    <message>
        <location filename="../../ui/library_view.py" line="47"/>
        <source>Chat template</source>
        <translation>Template de chat</translation>
    </message>
    <message>
        <location filename="../../ui/library_view.py" line="47"/>
        <source>Source</source>
        <translation>Origem</translation>
    </message>
    <message>
        <location filename="../../ui/library_view.py" line="57"/>
        <source>Add them</source>
        <translation>Adicionar</translation>
    </message>
    <message>
        <location filename="../../ui/library_view.py" line="60"/>
        <source>Load</source>
        <translation>Carregar</translation>
    </message>
    <message>
        <location filename="../../ui/library_view.py" line="61"/>
        <source>Show in folder</source>
        <translation>Mostrar na pasta</translation>
    </message>
    <message>
        <location filename="../../ui/library_view.py" line="62"/>
        <source>Delete…</source>
        <translation>Excluir…</translation>
    </message>
    <message>
        <location filename="../../ui/library_view.py" line="63"/>
        <source>Add file…</source>
        <translation>Adicionar arquivo…</translation>
    </message>
    <message>
        <location filename="../../ui/library_view.py" line="64"/>
        <source>Add folder…</source>
        <translation>Adicionar pasta…</translation>
    </message>
    <message>
        <location filename="../../ui/library_view.py" line="65"/>
        <source>Remove from list</source>
        <translation>Tirar da lista</translation>
    </message>
    <message>
        <location filename="../../ui/library_view.py" line="66"/>
        <source>Forget a file or folder you added; the files themselves stay where they are.</source>
        <translation>Esquece um arquivo ou pasta que você adicionou; os arquivos continuam onde estão.</translation>
    </message>
    <message>
        <location filename="../../ui/library_view.py" line="97"/>
        <source>Looking for models…</source>
        <translation>Procurando modelos…</translation>
    </message>
    <message>
        <location filename="../../ui/library_view.py" line="109"/>
        <source>%1 models</source>
        <translation>%1 modelos</translation>
    </message>
    <message>
        <location filename="../../ui/library_view.py" line="112"/>
        <source>Models from other apps were found: %1. Add them to the library? They are used where they are, never copied.</source>
        <translation>Foram encontrados modelos de outros apps: %1. Adicioná-los à biblioteca? Eles são usados onde estão, nunca copiados.</translation>
    </message>
    <message>
        <location filename="../../ui/library_view.py" line="120"/>
        <source>built in</source>
        <translation>embutido</translation>
    </message>
    <message>
        <location filename="../../ui/library_view.py" line="120"/>
        <source>downloaded</source>
        <translation>baixado</translation>
    </message>
    <message>
        <location filename="../../ui/library_view.py" line="121"/>
        <source>added (used in place)</source>
        <translation>adicionado (usado no lugar)</translation>
    </message>
    <message>
        <location filename="../../ui/library_view.py" line="133"/>
        <source>yes</source>
        <translation>sim</translation>
    </message>
    <message>
        <location filename="../../ui/library_view.py" line="133"/>
        <source>no</source>
        <translation>não</translation>
    </message>
    <message>
        <location filename="../../ui/library_view.py" line="174"/>
        <source>Cannot load</source>
        <translation>Não é possível carregar</translation>
    </message>
    <message>
        <location filename="../../ui/library_view.py" line="190"/>
        <source>Delete model</source>
        <translation>Excluir modelo</translation>
    </message>
    <message>
        <location filename="../../ui/library_view.py" line="191"/>
        <source>Delete %1 (%2) from this computer? This cannot be undone.</source>
        <translation>Excluir %1 (%2) deste computador? Isso não pode ser desfeito.</translation>
    </message>
    <message>
        <location filename="../../ui/library_view.py" line="199"/>
        <source>Add a GGUF model</source>
        <translation>Adicionar um modelo GGUF</translation>
    </message>
    <message>
        <location filename="../../ui/library_view.py" line="200"/>
        <source>GGUF models (*.gguf)</source>
        <translation>Modelos GGUF (*.gguf)</translation>
    </message>
    <message>
        <location filename="../../ui/library_view.py" line="206"/>
        <source>Add a folder of models</source>
        <translation>Adicionar uma pasta de modelos</translation>
    </message>
    <message>
        <location filename="../../ui/library_view.py" line="234"/>
        <source>Models</source>
        <translation>Modelos</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/main_window.py" line="144"/>
        <source>Main</source>
        <extracomment>Quiet time after the last keystroke before the engine reads the draft ahead: it reads in the pauses of typing, not on every key. A bundled split model was assembled (path) or failed (message), off the GUI thread. A model file given on the command line: loaded instead of the last one. The last read-ahead request, and what it was for (to not send it twice).</extracomment>
        <translation>Principal</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="148"/>
        <source>New chat</source>
        <translation>Nova conversa</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="152"/>
        <source>Model:</source>
        <translation>Modelo:</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="155"/>
        <source>Token probabilities</source>
        <translation>Probabilidades dos tokens</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="158"/>
        <source>Colour replies by how likely the model found each token (green: sure, red: surprising); click a token to see the alternatives it weighed</source>
        <translation>Colore as respostas pela probabilidade que o modelo deu a cada token (verde: seguro, vermelho: surpreendente); clique num token para ver as alternativas consideradas</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="161"/>
        <source>Models…</source>
        <translation>Modelos…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="162"/>
        <source>Your models, and new ones from the Hugging Face Hub</source>
        <translation>Seus modelos, e novos do Hugging Face Hub</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="166"/>
        <source>&amp;Help</source>
        <translation>A&amp;juda</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="168"/>
        <source>&amp;About Prosa</source>
        <translation>&amp;Sobre o Prosa</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="174"/>
        <source>Send</source>
        <translation>Enviar</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="177"/>
        <source>Stop</source>
        <translation>Parar</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="179"/>
        <source>Stop the reply (Esc)</source>
        <translation>Parar a resposta (Esc)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="181"/>
        <source>Inspect…</source>
        <translation>Inspecionar…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="183"/>
        <source>Show the exact prompt and tokens the model would read if you sent this message</source>
        <translation>Mostra o prompt exato e os tokens que o modelo leria se você enviasse esta mensagem</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="205"/>
        <source>System prompt</source>
        <translation>Prompt de sistema</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="206"/>
        <source>Sampling</source>
        <translation>Amostragem</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="207"/>
        <source>Engine</source>
        <translation>Motor</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="222"/>
        <location filename="../../ui/main_window.py" line="979"/>
        <location filename="../../ui/main_window.py" line="1005"/>
        <source>No model</source>
        <translation>Nenhum modelo</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="233"/>
        <source>The chat template in use; click to edit it</source>
        <translation>O template de chat em uso; clique para editá-lo</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="253"/>
        <source>How many tokens the model can see at once: the conversation so far plus the reply. More uses more memory.</source>
        <translation>Quantos tokens o modelo enxerga de uma vez: a conversa até agora mais a resposta. Mais contexto usa mais memória.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="259"/>
        <source>all</source>
        <translation>todas</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="261"/>
        <source>Layers to run on the GPU (needs a GPU build of llama.cpp). 0 runs on the CPU only.</source>
        <translation>Camadas executadas na GPU (requer uma compilação do llama.cpp com GPU). 0 usa só a CPU.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="266"/>
        <source>automatic</source>
        <translation>automático</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="270"/>
        <source>Automatic</source>
        <translation>Automático</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="271"/>
        <source>Chat</source>
        <translation>Chat</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="272"/>
        <source>Completion</source>
        <translation>Completar texto</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="274"/>
        <source>Chat formats the conversation with a chat template (instruction-tuned models). Completion gives your text to the model as it is, and the model continues it (base models). Automatic decides from the model.</source>
        <translation>Chat formata a conversa com um template de chat (modelos ajustados para instruções). Completar texto entrega seu texto ao modelo como está, e o modelo o continua (modelos base). Automático decide a partir do modelo.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="279"/>
        <source>Stop and say so</source>
        <translation>Parar e avisar</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="280"/>
        <source>Drop the oldest messages</source>
        <translation>Deixar de fora as mensagens mais antigas</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="281"/>
        <source>Keep the first exchange, drop the middle</source>
        <translation>Manter a primeira troca, deixar de fora o meio</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="287"/>
        <source>Read ahead while I type</source>
        <translation>Ler adiante enquanto digito</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="291"/>
        <source>While you type, the model already reads the conversation and your draft, so its reply starts sooner, however long the conversation. It uses the processor while you type.</source>
        <translation>Enquanto você digita, o modelo já lê a conversa e o seu rascunho, e a resposta começa mais cedo, por mais longa que seja a conversa. Usa o processador enquanto você digita.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="295"/>
        <source>What this conversation does when it no longer fits the model&apos;s context. The system prompt and your last message are always kept; messages left out are marked in the conversation.</source>
        <translation>O que esta conversa faz quando não cabe mais no contexto do modelo. O prompt de sistema e sua última mensagem são sempre mantidos; as mensagens deixadas de fora ficam marcadas na conversa.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="298"/>
        <source>Edit chat template…</source>
        <translation>Editar template de chat…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="300"/>
        <source>Reload model with these settings</source>
        <translation>Recarregar o modelo com estas configurações</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="305"/>
        <source>Context length</source>
        <translation>Tamanho do contexto</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="306"/>
        <source>GPU layers</source>
        <translation>Camadas na GPU</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="307"/>
        <source>CPU threads</source>
        <translation>Threads da CPU</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="308"/>
        <source>Mode</source>
        <translation>Modo</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="309"/>
        <source>When the conversation is too long</source>
        <translation>Quando a conversa ficar longa demais</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="450"/>
        <source>Prosa could not open %1: %2</source>
        <translation>O Prosa não conseguiu abrir %1: %2</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="469"/>
        <source>No model found. Choose “Open GGUF file…” in the model menu.</source>
        <translation>Nenhum modelo encontrado. Escolha “Abrir arquivo GGUF…” no menu de modelos.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="472"/>
        <source>The model %1 crashed the engine last time, so it was not loaded automatically.</source>
        <translation>O modelo %1 derrubou o motor da última vez, por isso não foi carregado automaticamente.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="479"/>
        <source>Preparing %1…</source>
        <translation>Preparando %1…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="506"/>
        <source>Loading %1…</source>
        <translation>Carregando %1…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="543"/>
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
        <location filename="../../ui/main_window.py" line="550"/>
        <source>Write the beginning of a text; the model continues it</source>
        <translation>Escreva o começo de um texto; o modelo o continua</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="551"/>
        <source>Message the model (Enter to send, Shift+Enter for a new line)</source>
        <translation>Mensagem para o modelo (Enter envia, Shift+Enter quebra a linha)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="619"/>
        <source>Load a model first.</source>
        <translation>Carregue um modelo primeiro.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="683"/>
        <source>Tokens this conversation would use with your draft, out of the model&apos;s context. %1 of them are already read, so the reply will start sooner.</source>
        <translation>Tokens que esta conversa usaria com o seu rascunho, do contexto do modelo. %1 deles já foram lidos, e a resposta começará mais cedo.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="701"/>
        <source>Pick a model first.</source>
        <translation>Escolha um modelo primeiro.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="767"/>
        <source>Edit message</source>
        <translation>Editar mensagem</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="768"/>
        <source>Your message (the original stays, as another branch):</source>
        <translation>Sua mensagem (a original fica, como outro ramo):</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="830"/>
        <source>This reply was made by %1; the model loaded now is %2, so the replay may differ.</source>
        <translation>Esta resposta foi feita por %1; o modelo carregado agora é %2, então a repetição pode ser diferente.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="873"/>
        <source>Markdown (*.md)</source>
        <translation>Markdown (*.md)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="874"/>
        <source>JSON (*.json)</source>
        <translation>JSON (*.json)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="875"/>
        <source>Export conversation</source>
        <translation>Exportar conversa</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="887"/>
        <source>Could not export: %1</source>
        <translation>Não foi possível exportar: %1</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="893"/>
        <source>Import a conversation</source>
        <translation>Importar uma conversa</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="894"/>
        <source>JSON (*.json);;All files (*)</source>
        <translation>JSON (*.json);;Todos os arquivos (*)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="901"/>
        <source>Could not read %1: %2</source>
        <translation>Não foi possível ler %1: %2</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="939"/>
        <source>%1 tokens…</source>
        <translation>%1 tokens…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="952"/>
        <source>%1 older messages were left out to fit the context.</source>
        <translation>%1 mensagens mais antigas ficaram de fora para caber no contexto.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="958"/>
        <source>%1 tok/s</source>
        <translation>%1 tok/s</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="959"/>
        <source>first token %1 ms</source>
        <translation>primeiro token %1 ms</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="967"/>
        <source>The prompt could not be built: %1</source>
        <translation>Não foi possível montar o prompt: %1</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="981"/>
        <source>The model could not be loaded: %1</source>
        <translation>Não foi possível carregar o modelo: %1</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="1008"/>
        <source>%1 (engine restarts with the next message)</source>
        <translation>%1 (o motor reinicia na próxima mensagem)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="1013"/>
        <source>Completion mode</source>
        <translation>Modo de completar texto</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="1015"/>
        <source>Template: the model&apos;s own</source>
        <translation>Template: o do próprio modelo</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="1016"/>
        <source>Template: the model&apos;s tool-use variant</source>
        <translation>Template: a variante do modelo para ferramentas</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="1017"/>
        <source>Template: your override</source>
        <translation>Template: o seu, personalizado</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="1018"/>
        <source>Template: built-in %1</source>
        <translation>Template: %1 embutido</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="1026"/>
        <source>context %1 / %2</source>
        <translation>contexto %1 / %2</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="1067"/>
        <source>Could not save settings: %1</source>
        <translation>Não foi possível salvar as configurações: %1</translation>
    </message>
</context>
<context>
    <name>ModelPicker</name>
    <message>
        <location filename="../../ui/model_picker.py" line="24"/>
        <source>The model that answers. Models run on this computer.</source>
        <extracomment>The user chose a model: a path, or a BundledModel still to be prepared.</extracomment>
        <translation>O modelo que responde. Os modelos rodam neste computador.</translation>
    </message>
    <message>
        <location filename="../../ui/model_picker.py" line="36"/>
        <source>%1 (built in)</source>
        <translation>%1 (embutido)</translation>
    </message>
    <message>
        <location filename="../../ui/model_picker.py" line="51"/>
        <source>Open GGUF file…</source>
        <translation>Abrir arquivo GGUF…</translation>
    </message>
    <message>
        <location filename="../../ui/model_picker.py" line="72"/>
        <source>Open a GGUF model</source>
        <translation>Abrir um modelo GGUF</translation>
    </message>
    <message>
        <location filename="../../ui/model_picker.py" line="73"/>
        <source>GGUF models (*.gguf);;All files (*)</source>
        <translation>Modelos GGUF (*.gguf);;Todos os arquivos (*)</translation>
    </message>
</context>
<context>
    <name>ModelsDialog</name>
    <message>
        <location filename="../../ui/models_dialog.py" line="26"/>
        <source>Models</source>
        <extracomment>The Hub settings (endpoint, token, offline) changed: the new Settings.</extracomment>
        <translation>Modelos</translation>
    </message>
    <message>
        <location filename="../../ui/models_dialog.py" line="31"/>
        <source>On this computer</source>
        <translation>Neste computador</translation>
    </message>
    <message>
        <location filename="../../ui/models_dialog.py" line="32"/>
        <source>Hugging Face Hub</source>
        <translation>Hugging Face Hub</translation>
    </message>
    <message>
        <location filename="../../ui/models_dialog.py" line="33"/>
        <source>Downloads</source>
        <translation>Downloads</translation>
    </message>
</context>
<context>
    <name>NBestDialog</name>
    <message>
        <location filename="../../ui/token_view.py" line="113"/>
        <source>Beam search candidates</source>
        <translation>Candidatas da busca em feixe</translation>
    </message>
    <message>
        <location filename="../../ui/token_view.py" line="117"/>
        <source>The replies beam search found, best first. Total log-probability: closer to 0 is likelier; the score divides it by a length factor so long and short replies compare fairly.</source>
        <translation>As respostas que a busca em feixe encontrou, da melhor para a pior. Log-probabilidade total: mais perto de 0 é mais provável; a pontuação a divide por um fator de tamanho, para comparar respostas longas e curtas de forma justa.</translation>
    </message>
    <message>
        <location filename="../../ui/token_view.py" line="124"/>
        <source>log-probability %1 · score %2
%3</source>
        <translation>log-probabilidade %1 · pontuação %2
%3</translation>
    </message>
    <message>
        <location filename="../../ui/token_view.py" line="133"/>
        <source>Keep this reply</source>
        <translation>Manter esta resposta</translation>
    </message>
</context>
<context>
    <name>PromptInspector</name>
    <message>
        <location filename="../../ui/prompt_inspector.py" line="98"/>
        <source>Prompt inspector</source>
        <translation>Inspetor de prompt</translation>
    </message>
    <message>
        <location filename="../../ui/prompt_inspector.py" line="102"/>
        <source>Chat template: %1</source>
        <translation>Template de chat: %1</translation>
    </message>
    <message>
        <location filename="../../ui/prompt_inspector.py" line="103"/>
        <source>Completion mode: the text is continued as written.</source>
        <translation>Modo de completar texto: o texto é continuado como foi escrito.</translation>
    </message>
    <message>
        <location filename="../../ui/prompt_inspector.py" line="114"/>
        <source>%1 tokens of a %2-token context</source>
        <translation>%1 tokens de um contexto de %2 tokens</translation>
    </message>
    <message>
        <location filename="../../ui/prompt_inspector.py" line="126"/>
        <source>A message contains text that looks like special tokens. It was read as plain text, so it cannot act as a turn marker.</source>
        <translation>Uma mensagem contém texto parecido com tokens especiais. Ele foi lido como texto comum, então não pode agir como marcador de turno.</translation>
    </message>
    <message>
        <location filename="../../ui/prompt_inspector.py" line="149"/>
        <source>Prompt</source>
        <translation>Prompt</translation>
    </message>
    <message>
        <location filename="../../ui/prompt_inspector.py" line="150"/>
        <source>Tokens</source>
        <translation>Tokens</translation>
    </message>
    <message>
        <location filename="../../ui/prompt_inspector.py" line="151"/>
        <source>Token ids</source>
        <translation>Ids dos tokens</translation>
    </message>
</context>
<context>
    <name>SamplingPanel</name>
    <message>
        <location filename="../../ui/sampling_panel.py" line="139"/>
        <source>Ready-made decoding settings, and the ones you saved. Choosing one changes how tokens are chosen, not the reply length, seed or stop strings.</source>
        <extracomment>Slider range when it differs from the accepted range (seed: the slider is useless over 2**32 values, so only the spin box is shown). The strategies the setting means something to. The temperature to return to when Sampling is chosen again.</extracomment>
        <translation>Configurações de decodificação prontas, e as que você salvou. Escolher uma muda como os tokens são escolhidos, não o tamanho da resposta, a semente ou os textos de parada.</translation>
    </message>
    <message>
        <location filename="../../ui/sampling_panel.py" line="141"/>
        <source>Save as…</source>
        <translation>Salvar como…</translation>
    </message>
    <message>
        <location filename="../../ui/sampling_panel.py" line="142"/>
        <source>Rename…</source>
        <translation>Renomear…</translation>
    </message>
    <message>
        <location filename="../../ui/sampling_panel.py" line="143"/>
        <source>Delete</source>
        <translation>Excluir</translation>
    </message>
    <message>
        <location filename="../../ui/sampling_panel.py" line="144"/>
        <source>Export…</source>
        <translation>Exportar…</translation>
    </message>
    <message>
        <location filename="../../ui/sampling_panel.py" line="145"/>
        <source>Import…</source>
        <translation>Importar…</translation>
    </message>
    <message>
        <location filename="../../ui/sampling_panel.py" line="158"/>
        <source>Preset</source>
        <translation>Predefinição</translation>
    </message>
    <message>
        <location filename="../../ui/sampling_panel.py" line="171"/>
        <source>Greedy</source>
        <translation>Gulosa</translation>
    </message>
    <message>
        <location filename="../../ui/sampling_panel.py" line="171"/>
        <source>Sampling</source>
        <translation>Amostragem</translation>
    </message>
    <message>
        <location filename="../../ui/sampling_panel.py" line="172"/>
        <source>Beam search</source>
        <translation>Busca em feixe</translation>
    </message>
    <message>
        <location filename="../../ui/sampling_panel.py" line="174"/>
        <source>Always the most likely next token. The same prompt gives the same reply; it can be flat or repetitive.</source>
        <translation>Sempre o próximo token mais provável. O mesmo prompt dá a mesma resposta; ela pode sair sem graça ou repetitiva.</translation>
    </message>
    <message>
        <location filename="../../ui/sampling_panel.py" line="176"/>
        <source>Each next token is drawn at random among the likely ones, shaped by the settings below. Varied and natural; a fixed seed repeats a reply.</source>
        <translation>Cada próximo token é sorteado entre os prováveis, conforme as configurações abaixo. Variado e natural; uma semente fixa repete uma resposta.</translation>
    </message>
    <message>
        <location filename="../../ui/sampling_panel.py" line="179"/>
        <source>Follows several candidate replies at once and returns the likeliest whole reply, not just the likeliest next token. Slower; the text appears once all candidates agree on it.</source>
        <translation>Acompanha várias respostas candidatas ao mesmo tempo e devolve a resposta inteira mais provável, não só o próximo token mais provável. Mais lenta; o texto aparece quando todas as candidatas concordam com ele.</translation>
    </message>
    <message>
        <location filename="../../ui/sampling_panel.py" line="192"/>
        <source>Strategy</source>
        <translation>Estratégia</translation>
    </message>
    <message>
        <location filename="../../ui/sampling_panel.py" line="213"/>
        <source>random</source>
        <translation>aleatória</translation>
    </message>
    <message>
        <location filename="../../ui/sampling_panel.py" line="215"/>
        <source>off</source>
        <translation>desligado</translation>
    </message>
    <message>
        <location filename="../../ui/sampling_panel.py" line="236"/>
        <source>Temperature</source>
        <translation>Temperatura</translation>
    </message>
    <message>
        <location filename="../../ui/sampling_panel.py" line="237"/>
        <source>Top-k</source>
        <translation>Top-k</translation>
    </message>
    <message>
        <location filename="../../ui/sampling_panel.py" line="238"/>
        <source>Top-p</source>
        <translation>Top-p</translation>
    </message>
    <message>
        <location filename="../../ui/sampling_panel.py" line="239"/>
        <source>Min-p</source>
        <translation>Min-p</translation>
    </message>
    <message>
        <location filename="../../ui/sampling_panel.py" line="240"/>
        <source>Typical-p</source>
        <translation>Typical-p</translation>
    </message>
    <message>
        <location filename="../../ui/sampling_panel.py" line="241"/>
        <source>Beam width</source>
        <translation>Largura do feixe</translation>
    </message>
    <message>
        <location filename="../../ui/sampling_panel.py" line="242"/>
        <source>Length penalty</source>
        <translation>Penalidade de tamanho</translation>
    </message>
    <message>
        <location filename="../../ui/sampling_panel.py" line="243"/>
        <source>N-best</source>
        <translation>N melhores</translation>
    </message>
    <message>
        <location filename="../../ui/sampling_panel.py" line="244"/>
        <source>Repeat penalty</source>
        <translation>Penalidade de repetição</translation>
    </message>
    <message>
        <location filename="../../ui/sampling_panel.py" line="245"/>
        <source>Penalty window</source>
        <translation>Janela da penalidade</translation>
    </message>
    <message>
        <location filename="../../ui/sampling_panel.py" line="246"/>
        <source>Presence penalty</source>
        <translation>Penalidade de presença</translation>
    </message>
    <message>
        <location filename="../../ui/sampling_panel.py" line="247"/>
        <source>Frequency penalty</source>
        <translation>Penalidade de frequência</translation>
    </message>
    <message>
        <location filename="../../ui/sampling_panel.py" line="248"/>
        <source>Max tokens</source>
        <translation>Máximo de tokens</translation>
    </message>
    <message>
        <location filename="../../ui/sampling_panel.py" line="249"/>
        <source>Probabilities</source>
        <translation>Probabilidades</translation>
    </message>
    <message>
        <location filename="../../ui/sampling_panel.py" line="250"/>
        <source>Seed</source>
        <translation>Semente</translation>
    </message>
    <message>
        <location filename="../../ui/sampling_panel.py" line="256"/>
        <source>How adventurous the choice of each next token is. 0 always takes the most likely token (greedy: the same prompt gives the same reply); higher values flatten the odds so less likely words get picked more often.</source>
        <translation>Quão ousada é a escolha de cada próximo token. 0 sempre pega o token mais provável (gulosa: o mesmo prompt dá a mesma resposta); valores maiores achatam as chances, e palavras menos prováveis são escolhidas com mais frequência.</translation>
    </message>
    <message>
        <location filename="../../ui/sampling_panel.py" line="260"/>
        <source>Only the k most likely next tokens stay in the draw. 1 is greedy; 0 turns this filter off.</source>
        <translation>Só os k próximos tokens mais prováveis ficam no sorteio. 1 é guloso; 0 desliga este filtro.</translation>
    </message>
    <message>
        <location filename="../../ui/sampling_panel.py" line="263"/>
        <source>Keep the smallest set of likely tokens whose probabilities add up to p (nucleus sampling). 1 turns this filter off.</source>
        <translation>Mantém o menor conjunto de tokens prováveis cujas probabilidades somam p (amostragem de núcleo). 1 desliga este filtro.</translation>
    </message>
    <message>
        <location filename="../../ui/sampling_panel.py" line="266"/>
        <source>Drop tokens less likely than this fraction of the most likely token&apos;s probability. 0 turns this filter off.</source>
        <translation>Descarta tokens menos prováveis que esta fração da probabilidade do token mais provável. 0 desliga este filtro.</translation>
    </message>
    <message>
        <location filename="../../ui/sampling_panel.py" line="269"/>
        <source>Keep the tokens about as surprising as the model usually is at this point, dropping both the too obvious and the far-fetched ones. 1 turns this filter off.</source>
        <translation>Mantém tokens tão surpreendentes quanto o modelo costuma ser neste ponto, descartando os óbvios demais e os muito improváveis. 1 desliga este filtro.</translation>
    </message>
    <message>
        <location filename="../../ui/sampling_panel.py" line="273"/>
        <source>How many candidate replies beam search follows at each step. More finds likelier replies but is slower; 1 is the same as greedy.</source>
        <translation>Quantas respostas candidatas a busca em feixe acompanha a cada passo. Mais encontra respostas mais prováveis, mas é mais lento; 1 é igual à gulosa.</translation>
    </message>
    <message>
        <location filename="../../ui/sampling_panel.py" line="276"/>
        <source>How beam search compares replies of different lengths. 0 ranks by total probability, which favours short replies; higher values favour longer ones.</source>
        <translation>Como a busca em feixe compara respostas de tamanhos diferentes. 0 ordena pela probabilidade total, o que favorece respostas curtas; valores maiores favorecem as longas.</translation>
    </message>
    <message>
        <location filename="../../ui/sampling_panel.py" line="280"/>
        <source>How many of the best beam-search replies to return, best first, to compare. At most the beam width.</source>
        <translation>Quantas das melhores respostas da busca em feixe devolver, da melhor para a pior, para comparar. No máximo a largura do feixe.</translation>
    </message>
    <message>
        <location filename="../../ui/sampling_panel.py" line="283"/>
        <source>Makes tokens that appeared in the penalty window less likely, against loops. 1 means no penalty.</source>
        <translation>Torna menos prováveis os tokens que apareceram na janela da penalidade, contra repetições. 1 significa sem penalidade.</translation>
    </message>
    <message>
        <location filename="../../ui/sampling_panel.py" line="286"/>
        <source>How many of the reply&apos;s latest tokens the repeat, presence and frequency penalties look at. 0 turns the penalties off.</source>
        <translation>Quantos dos últimos tokens da resposta as penalidades de repetição, presença e frequência olham. 0 desliga as penalidades.</translation>
    </message>
    <message>
        <location filename="../../ui/sampling_panel.py" line="289"/>
        <source>Lowers every token that already appeared in the window by the same amount, however often it appeared: a nudge toward new words. 0 means none; below 0 favours repeating.</source>
        <translation>Diminui igualmente todo token que já apareceu na janela, não importa quantas vezes: um empurrão para palavras novas. 0 significa nenhuma; abaixo de 0 favorece repetir.</translation>
    </message>
    <message>
        <location filename="../../ui/sampling_panel.py" line="293"/>
        <source>Lowers a token by this much for each time it appeared in the window: the more it was used, the less likely it is again. 0 means none.</source>
        <translation>Diminui um token por este valor a cada vez que ele apareceu na janela: quanto mais usado, menos provável de novo. 0 significa nenhuma.</translation>
    </message>
    <message>
        <location filename="../../ui/sampling_panel.py" line="388"/>
        <source>Greedy: always the most likely token, so the same prompt gives the same reply. Raise the temperature to sample instead.</source>
        <translation>Gulosa: sempre o token mais provável, então o mesmo prompt dá a mesma resposta. Aumente a temperatura para amostrar.</translation>
    </message>
    <message>
        <location filename="../../ui/sampling_panel.py" line="391"/>
        <source>Beam search: follows the %1 likeliest partial replies and returns the likeliest whole one. Text appears as soon as every candidate agrees on it.</source>
        <translation>Busca em feixe: acompanha as %1 respostas parciais mais prováveis e devolve a inteira mais provável. O texto aparece assim que todas as candidatas concordam com ele.</translation>
    </message>
    <message>
        <location filename="../../ui/sampling_panel.py" line="404"/>
        <source>Sampling at temperature 0 would always take the most likely token: choose Greedy, or raise the temperature.</source>
        <translation>Amostrar com temperatura 0 sempre pegaria o token mais provável: escolha Gulosa, ou aumente a temperatura.</translation>
    </message>
    <message>
        <location filename="../../ui/sampling_panel.py" line="407"/>
        <source>Greedy decoding always takes the most likely token, so a temperature (%1) has no effect: set it to 0, or choose Sampling.</source>
        <translation>A decodificação gulosa sempre pega o token mais provável, então uma temperatura (%1) não tem efeito: ponha 0, ou escolha Amostragem.</translation>
    </message>
    <message>
        <location filename="../../ui/sampling_panel.py" line="410"/>
        <source>Beam search draws nothing at random, so a temperature (%1) has no effect: set it to 0, or choose Sampling.</source>
        <translation>A busca em feixe não sorteia nada, então uma temperatura (%1) não tem efeito: ponha 0, ou escolha Amostragem.</translation>
    </message>
    <message>
        <location filename="../../ui/sampling_panel.py" line="413"/>
        <source>N-best %1 asks for more replies than %2 beam(s) can hold: raise the beam width to at least %1, or lower n-best.</source>
        <translation>N melhores %1 pede mais respostas do que %2 feixe(s) comportam: aumente a largura do feixe para pelo menos %1, ou diminua os N melhores.</translation>
    </message>
    <message>
        <location filename="../../ui/sampling_panel.py" line="416"/>
        <source>Only beam search returns several replies: n-best %1 needs Beam search, or set it to 1.</source>
        <translation>Só a busca em feixe devolve várias respostas: N melhores %1 precisa da Busca em feixe, ou ponha 1.</translation>
    </message>
    <message>
        <location filename="../../ui/sampling_panel.py" line="419"/>
        <source>Top-k 1 leaves only the most likely token, so typical-p has nothing to choose from: raise top-k, or set typical-p to 1.</source>
        <translation>Top-k 1 deixa só o token mais provável, então o typical-p não tem o que escolher: aumente o top-k, ou ponha typical-p em 1.</translation>
    </message>
    <message>
        <location filename="../../ui/sampling_panel.py" line="422"/>
        <source>The penalty window is 0 tokens, so the repeat, presence and frequency penalties have no effect: widen the window, or set them to 1, 0 and 0.</source>
        <translation>A janela da penalidade tem 0 tokens, então as penalidades de repetição, presença e frequência não têm efeito: aumente a janela, ou ponha 1, 0 e 0.</translation>
    </message>
    <message>
        <location filename="../../ui/sampling_panel.py" line="436"/>
        <source>(custom)</source>
        <translation>(personalizado)</translation>
    </message>
    <message>
        <location filename="../../ui/sampling_panel.py" line="447"/>
        <source>Precise</source>
        <translation>Precisa</translation>
    </message>
    <message>
        <location filename="../../ui/sampling_panel.py" line="447"/>
        <source>Balanced</source>
        <translation>Equilibrada</translation>
    </message>
    <message>
        <location filename="../../ui/sampling_panel.py" line="448"/>
        <source>Creative</source>
        <translation>Criativa</translation>
    </message>
    <message>
        <location filename="../../ui/sampling_panel.py" line="486"/>
        <source>Save preset</source>
        <translation>Salvar predefinição</translation>
    </message>
    <message>
        <location filename="../../ui/sampling_panel.py" line="486"/>
        <source>Name:</source>
        <translation>Nome:</translation>
    </message>
    <message>
        <location filename="../../ui/sampling_panel.py" line="491"/>
        <source>Replace preset</source>
        <translation>Substituir predefinição</translation>
    </message>
    <message>
        <location filename="../../ui/sampling_panel.py" line="492"/>
        <source>A preset named “%1” exists. Replace it?</source>
        <translation>Já existe uma predefinição chamada “%1”. Substituir?</translation>
    </message>
    <message>
        <location filename="../../ui/sampling_panel.py" line="502"/>
        <source>Rename preset</source>
        <translation>Renomear predefinição</translation>
    </message>
    <message>
        <location filename="../../ui/sampling_panel.py" line="502"/>
        <source>New name:</source>
        <translation>Novo nome:</translation>
    </message>
    <message>
        <location filename="../../ui/sampling_panel.py" line="511"/>
        <source>Delete preset</source>
        <translation>Excluir predefinição</translation>
    </message>
    <message>
        <location filename="../../ui/sampling_panel.py" line="512"/>
        <source>Delete the preset “%1”? The current settings stay.</source>
        <translation>Excluir a predefinição “%1”? As configurações atuais continuam.</translation>
    </message>
    <message>
        <location filename="../../ui/sampling_panel.py" line="544"/>
        <location filename="../../ui/sampling_panel.py" line="546"/>
        <source>Presets</source>
        <translation>Predefinições</translation>
    </message>
    <message>
        <location filename="../../ui/sampling_panel.py" line="547"/>
        <source>Could not save the presets: %1</source>
        <translation>Não foi possível salvar as predefinições: %1</translation>
    </message>
    <message>
        <location filename="../../ui/sampling_panel.py" line="561"/>
        <source>Export preset</source>
        <translation>Exportar predefinição</translation>
    </message>
    <message>
        <location filename="../../ui/sampling_panel.py" line="562"/>
        <location filename="../../ui/sampling_panel.py" line="567"/>
        <source>Presets (*.json)</source>
        <translation>Predefinições (*.json)</translation>
    </message>
    <message>
        <location filename="../../ui/sampling_panel.py" line="566"/>
        <source>Import preset</source>
        <translation>Importar predefinição</translation>
    </message>
    <message>
        <location filename="../../ui/sampling_panel.py" line="295"/>
        <source>The longest reply, in tokens (pieces of words).</source>
        <translation>A resposta mais longa, em tokens (pedaços de palavras).</translation>
    </message>
    <message>
        <location filename="../../ui/sampling_panel.py" line="297"/>
        <source>Also report how likely the model found each token, with this many most likely alternatives, to see its choices in the chat. &apos;off&apos; reports none.</source>
        <translation>Também informa quão provável o modelo achou cada token, com estas tantas alternativas mais prováveis, para ver as escolhas dele na conversa. &apos;desligado&apos; não informa nada.</translation>
    </message>
    <message>
        <location filename="../../ui/sampling_panel.py" line="300"/>
        <source>The starting point of the random draw. The same seed, settings and prompt give the same reply; &apos;random&apos; picks a new seed every time.</source>
        <translation>O ponto de partida do sorteio. A mesma semente, configurações e prompt dão a mesma resposta; &apos;aleatória&apos; escolhe uma semente nova a cada vez.</translation>
    </message>
    <message>
        <location filename="../../ui/sampling_panel.py" line="395"/>
        <source>Top-k 1 keeps only the most likely token: the reply is greedy whatever the temperature.</source>
        <translation>Top-k 1 mantém só o token mais provável: a resposta é gulosa qualquer que seja a temperatura.</translation>
    </message>
    <message>
        <location filename="../../ui/sampling_panel.py" line="398"/>
        <source>Sampling: each token is drawn at random from the likely ones.</source>
        <translation>Amostragem: cada token é sorteado entre os prováveis.</translation>
    </message>
</context>
<context>
    <name>Sidebar</name>
    <message>
        <location filename="../../ui/sidebar.py" line="47"/>
        <source>Search all conversations</source>
        <extracomment>Open a conversation (id), optionally at a message (id, or 0). A conversation was deleted (id): the window closes it if it is shown.</extracomment>
        <translation>Buscar em todas as conversas</translation>
    </message>
    <message>
        <location filename="../../ui/sidebar.py" line="54"/>
        <source>Undo</source>
        <translation>Desfazer</translation>
    </message>
    <message>
        <location filename="../../ui/sidebar.py" line="62"/>
        <source>New chat</source>
        <translation>Nova conversa</translation>
    </message>
    <message>
        <location filename="../../ui/sidebar.py" line="63"/>
        <source>Import…</source>
        <translation>Importar…</translation>
    </message>
    <message>
        <location filename="../../ui/sidebar.py" line="113"/>
        <source>Pinned</source>
        <translation>Fixadas</translation>
    </message>
    <message>
        <location filename="../../ui/sidebar.py" line="117"/>
        <source>New conversation</source>
        <translation>Nova conversa</translation>
    </message>
    <message>
        <location filename="../../ui/sidebar.py" line="120"/>
        <source>%1 messages</source>
        <translation>%1 mensagens</translation>
    </message>
    <message>
        <location filename="../../ui/sidebar.py" line="125"/>
        <source>No conversations yet</source>
        <translation>Nenhuma conversa ainda</translation>
    </message>
    <message>
        <location filename="../../ui/sidebar.py" line="131"/>
        <source>Today</source>
        <translation>Hoje</translation>
    </message>
    <message>
        <location filename="../../ui/sidebar.py" line="133"/>
        <source>Yesterday</source>
        <translation>Ontem</translation>
    </message>
    <message>
        <location filename="../../ui/sidebar.py" line="135"/>
        <source>Previous 7 days</source>
        <translation>Últimos 7 dias</translation>
    </message>
    <message>
        <location filename="../../ui/sidebar.py" line="137"/>
        <source>Previous 30 days</source>
        <translation>Últimos 30 dias</translation>
    </message>
    <message>
        <location filename="../../ui/sidebar.py" line="138"/>
        <source>Older</source>
        <translation>Mais antigas</translation>
    </message>
    <message>
        <location filename="../../ui/sidebar.py" line="142"/>
        <source>Nothing found</source>
        <translation>Nada encontrado</translation>
    </message>
    <message>
        <location filename="../../ui/sidebar.py" line="144"/>
        <source>%1 matches</source>
        <translation>%1 resultados</translation>
    </message>
    <message>
        <location filename="../../ui/sidebar.py" line="182"/>
        <source>Rename…</source>
        <translation>Renomear…</translation>
    </message>
    <message>
        <location filename="../../ui/sidebar.py" line="183"/>
        <source>Unpin</source>
        <translation>Desafixar</translation>
    </message>
    <message>
        <location filename="../../ui/sidebar.py" line="183"/>
        <source>Pin</source>
        <translation>Fixar</translation>
    </message>
    <message>
        <location filename="../../ui/sidebar.py" line="185"/>
        <source>Export as Markdown…</source>
        <translation>Exportar como Markdown…</translation>
    </message>
    <message>
        <location filename="../../ui/sidebar.py" line="187"/>
        <source>Export as JSON…</source>
        <translation>Exportar como JSON…</translation>
    </message>
    <message>
        <location filename="../../ui/sidebar.py" line="189"/>
        <source>Delete</source>
        <translation>Excluir</translation>
    </message>
    <message>
        <location filename="../../ui/sidebar.py" line="199"/>
        <source>Rename conversation</source>
        <translation>Renomear conversa</translation>
    </message>
    <message>
        <location filename="../../ui/sidebar.py" line="200"/>
        <source>Title:</source>
        <translation>Título:</translation>
    </message>
    <message>
        <location filename="../../ui/sidebar.py" line="208"/>
        <source>Conversation deleted.</source>
        <translation>Conversa excluída.</translation>
    </message>
</context>
<context>
    <name>SystemPromptPanel</name>
    <message>
        <location filename="../../ui/system_prompt.py" line="34"/>
        <source>Instructions the model reads before the conversation. Each chat keeps its own.</source>
        <extracomment>The text of the current conversation&apos;s system prompt changed.</extracomment>
        <translation>Instruções que o modelo lê antes da conversa. Cada conversa guarda as suas.</translation>
    </message>
    <message>
        <location filename="../../ui/system_prompt.py" line="41"/>
        <source>Saved system prompts: pick one to use it in this chat.</source>
        <translation>Prompts de sistema salvos: escolha um para usá-lo nesta conversa.</translation>
    </message>
    <message>
        <location filename="../../ui/system_prompt.py" line="46"/>
        <source>No system prompt: the model&apos;s default behaviour.</source>
        <translation>Sem prompt de sistema: o comportamento padrão do modelo.</translation>
    </message>
    <message>
        <location filename="../../ui/system_prompt.py" line="50"/>
        <source>Save as…</source>
        <translation>Salvar como…</translation>
    </message>
    <message>
        <location filename="../../ui/system_prompt.py" line="51"/>
        <source>Rename…</source>
        <translation>Renomear…</translation>
    </message>
    <message>
        <location filename="../../ui/system_prompt.py" line="52"/>
        <source>Delete</source>
        <translation>Excluir</translation>
    </message>
    <message>
        <location filename="../../ui/system_prompt.py" line="75"/>
        <source>(custom)</source>
        <translation>(personalizado)</translation>
    </message>
    <message>
        <location filename="../../ui/system_prompt.py" line="114"/>
        <source>Save system prompt</source>
        <translation>Salvar prompt de sistema</translation>
    </message>
    <message>
        <location filename="../../ui/system_prompt.py" line="115"/>
        <source>Name:</source>
        <translation>Nome:</translation>
    </message>
    <message>
        <location filename="../../ui/system_prompt.py" line="121"/>
        <source>Replace system prompt</source>
        <translation>Substituir prompt de sistema</translation>
    </message>
    <message>
        <location filename="../../ui/system_prompt.py" line="122"/>
        <source>A system prompt named “%1” exists. Replace it?</source>
        <translation>Já existe um prompt de sistema chamado “%1”. Substituir?</translation>
    </message>
    <message>
        <location filename="../../ui/system_prompt.py" line="132"/>
        <source>Rename system prompt</source>
        <translation>Renomear prompt de sistema</translation>
    </message>
    <message>
        <location filename="../../ui/system_prompt.py" line="133"/>
        <source>New name:</source>
        <translation>Novo nome:</translation>
    </message>
    <message>
        <location filename="../../ui/system_prompt.py" line="143"/>
        <source>Delete system prompt</source>
        <translation>Excluir prompt de sistema</translation>
    </message>
    <message>
        <location filename="../../ui/system_prompt.py" line="144"/>
        <source>Delete the saved system prompt “%1”? The text in this chat stays.</source>
        <translation>Excluir o prompt de sistema salvo “%1”? O texto desta conversa continua.</translation>
    </message>
    <message>
        <location filename="../../ui/system_prompt.py" line="161"/>
        <location filename="../../ui/system_prompt.py" line="163"/>
        <source>System prompts</source>
        <translation>Prompts de sistema</translation>
    </message>
    <message>
        <location filename="../../ui/system_prompt.py" line="164"/>
        <source>Could not save the system prompts: %1</source>
        <translation>Não foi possível salvar os prompts de sistema: %1</translation>
    </message>
</context>
<context>
    <name>TemplateEditor</name>
    <message>
        <location filename="../../ui/template_editor.py" line="46"/>
        <source>Chat template: %1</source>
        <extracomment>The user saved: the new override&apos;s source, or None to remove the override. (sequence number, rendered text, error message) from the render thread.</extracomment>
        <translation>Template de chat: %1</translation>
    </message>
    <message>
        <location filename="../../ui/template_editor.py" line="55"/>
        <source>The chat template turns the conversation into the text the model reads. Changes are saved for this model only and can be undone with “Use the model&apos;s own”.</source>
        <translation>O template de chat transforma a conversa no texto que o modelo lê. As mudanças valem só para este modelo e podem ser desfeitas com “Usar o do modelo”.</translation>
    </message>
    <message>
        <location filename="../../ui/template_editor.py" line="78"/>
        <source>Template (Jinja)</source>
        <translation>Template (Jinja)</translation>
    </message>
    <message>
        <location filename="../../ui/template_editor.py" line="83"/>
        <source>Preview on a sample conversation</source>
        <translation>Prévia com uma conversa de exemplo</translation>
    </message>
    <message>
        <location filename="../../ui/template_editor.py" line="89"/>
        <source>Use the model&apos;s own</source>
        <translation>Usar o do modelo</translation>
    </message>
    <message>
        <location filename="../../ui/template_editor.py" line="92"/>
        <source>Save for this model</source>
        <translation>Salvar para este modelo</translation>
    </message>
    <message>
        <location filename="../../ui/template_editor.py" line="95"/>
        <source>Close</source>
        <translation>Fechar</translation>
    </message>
    <message>
        <location filename="../../ui/template_editor.py" line="127"/>
        <source>You are a helpful assistant.</source>
        <translation>Você é um assistente prestativo.</translation>
    </message>
    <message>
        <location filename="../../ui/template_editor.py" line="128"/>
        <source>Hello! Who are you?</source>
        <translation>Olá! Quem é você?</translation>
    </message>
    <message>
        <location filename="../../ui/template_editor.py" line="129"/>
        <source>I am a language model running on your computer.</source>
        <translation>Sou um modelo de linguagem rodando no seu computador.</translation>
    </message>
    <message>
        <location filename="../../ui/template_editor.py" line="131"/>
        <source>What can you do?</source>
        <translation>O que você sabe fazer?</translation>
    </message>
</context>
<context>
    <name>TokenTable</name>
    <message>
        <location filename="../../ui/prompt_inspector.py" line="64"/>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <location filename="../../ui/prompt_inspector.py" line="64"/>
        <source>Id</source>
        <translation>Id</translation>
    </message>
    <message>
        <location filename="../../ui/prompt_inspector.py" line="64"/>
        <source>Piece</source>
        <translation>Pedaço</translation>
    </message>
</context>
<context>
    <name>app</name>
    <message>
        <location filename="../../ui/app.py" line="46"/>
        <source>Something went wrong: %1</source>
        <translation>Algo deu errado: %1</translation>
    </message>
</context>
</TS>
