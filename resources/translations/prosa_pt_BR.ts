<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="pt_BR">
<context>
    <name>AboutDialog</name>
    <message>
        <location filename="../../ui/about_dialog.py" line="40"/>
        <source>About Prosa</source>
        <translation>Sobre o Prosa</translation>
    </message>
    <message>
        <location filename="../../ui/about_dialog.py" line="44"/>
        <location filename="../../ui/about_dialog.py" line="196"/>
        <source>Prosa</source>
        <translation>Prosa</translation>
    </message>
    <message>
        <location filename="../../ui/about_dialog.py" line="48"/>
        <source>System details</source>
        <translation>Detalhes do sistema</translation>
    </message>
    <message>
        <location filename="../../ui/about_dialog.py" line="50"/>
        <location filename="../../ui/about_dialog.py" line="217"/>
        <source>System</source>
        <translation>Sistema</translation>
    </message>
    <message>
        <location filename="../../ui/about_dialog.py" line="51"/>
        <source>Licences</source>
        <translation>Licenças</translation>
    </message>
    <message>
        <location filename="../../ui/about_dialog.py" line="54"/>
        <source>Close this window</source>
        <translation>Fechar esta janela</translation>
    </message>
    <message>
        <location filename="../../ui/about_dialog.py" line="55"/>
        <source>Copy details</source>
        <translation>Copiar detalhes</translation>
    </message>
    <message>
        <location filename="../../ui/about_dialog.py" line="57"/>
        <source>Copy the version and system details, for a bug report</source>
        <translation>Copia a versão e os detalhes do sistema, para um relato de problema</translation>
    </message>
    <message>
        <location filename="../../ui/about_dialog.py" line="76"/>
        <source>Installed app, built %1</source>
        <translation>App instalado, gerado em %1</translation>
    </message>
    <message>
        <location filename="../../ui/about_dialog.py" line="78"/>
        <source>Running from the source code</source>
        <translation>Executando a partir do código-fonte</translation>
    </message>
    <message>
        <location filename="../../ui/about_dialog.py" line="80"/>
        <source>Private, offline chat with language models that run on your own computer. Prosa formats every conversation with the model&apos;s own chat template and shows the exact prompt, the tokens and their probabilities.</source>
        <translation>Chat privado e offline com modelos de linguagem que rodam no seu próprio computador. O Prosa formata cada conversa com o template de chat do próprio modelo e mostra o prompt exato, os tokens e suas probabilidades.</translation>
    </message>
    <message>
        <location filename="../../ui/about_dialog.py" line="104"/>
        <source>llama.cpp on %1</source>
        <translation>llama.cpp em %1</translation>
    </message>
    <message>
        <location filename="../../ui/about_dialog.py" line="107"/>
        <source>llama.cpp on the processor (%1)</source>
        <translation>llama.cpp no processador (%1)</translation>
    </message>
    <message>
        <location filename="../../ui/about_dialog.py" line="108"/>
        <source>built in</source>
        <translation>embutido</translation>
    </message>
    <message>
        <location filename="../../ui/about_dialog.py" line="110"/>
        <source>Replies computed by</source>
        <translation>Respostas calculadas por</translation>
    </message>
    <message>
        <location filename="../../ui/about_dialog.py" line="111"/>
        <source>Conversations kept in</source>
        <translation>Conversas guardadas em</translation>
    </message>
    <message>
        <location filename="../../ui/about_dialog.py" line="112"/>
        <source>Licence</source>
        <translation>Licença</translation>
    </message>
    <message>
        <location filename="../../ui/about_dialog.py" line="112"/>
        <source>MIT. Prosa ships Qt, llama.cpp, Python and other components under their own licences: see Licences.</source>
        <translation>MIT. O Prosa inclui Qt, llama.cpp, Python e outros componentes sob as licenças deles: veja Licenças.</translation>
    </message>
    <message>
        <location filename="../../ui/about_dialog.py" line="125"/>
        <source>Open folder:</source>
        <translation>Abrir pasta:</translation>
    </message>
    <message>
        <location filename="../../ui/about_dialog.py" line="139"/>
        <source>Data</source>
        <translation>Dados</translation>
    </message>
    <message>
        <location filename="../../ui/about_dialog.py" line="139"/>
        <source>Settings</source>
        <translation>Configurações</translation>
    </message>
    <message>
        <location filename="../../ui/about_dialog.py" line="140"/>
        <source>Cache</source>
        <translation>Cache</translation>
    </message>
    <message>
        <location filename="../../ui/about_dialog.py" line="140"/>
        <source>Logs</source>
        <translation>Registros</translation>
    </message>
    <message>
        <location filename="../../ui/about_dialog.py" line="140"/>
        <source>Models</source>
        <translation>Modelos</translation>
    </message>
    <message>
        <location filename="../../ui/about_dialog.py" line="146"/>
        <source>Components and their licences</source>
        <translation>Componentes e suas licenças</translation>
    </message>
    <message>
        <location filename="../../ui/about_dialog.py" line="147"/>
        <source>Select a component to read its licence</source>
        <translation>Selecione um componente para ler sua licença</translation>
    </message>
    <message>
        <location filename="../../ui/about_dialog.py" line="148"/>
        <source>app</source>
        <translation>app</translation>
    </message>
    <message>
        <location filename="../../ui/about_dialog.py" line="148"/>
        <source>library</source>
        <translation>biblioteca</translation>
    </message>
    <message>
        <location filename="../../ui/about_dialog.py" line="149"/>
        <source>model</source>
        <translation>modelo</translation>
    </message>
    <message>
        <location filename="../../ui/about_dialog.py" line="149"/>
        <source>runtime</source>
        <translation>ambiente de execução</translation>
    </message>
    <message>
        <location filename="../../ui/about_dialog.py" line="150"/>
        <source>Python package</source>
        <translation>pacote Python</translation>
    </message>
    <message>
        <location filename="../../ui/about_dialog.py" line="160"/>
        <source>Licence text</source>
        <translation>Texto da licença</translation>
    </message>
    <message>
        <location filename="../../ui/about_dialog.py" line="168"/>
        <source>Prosa is built on the work of others. These are the components it ships and their licences.</source>
        <translation>O Prosa é feito sobre o trabalho de outras pessoas. Estes são os componentes que ele inclui e suas licenças.</translation>
    </message>
    <message>
        <location filename="../../ui/about_dialog.py" line="187"/>
        <source>(The package ships no licence text; its licence is %1.)</source>
        <translation>(O pacote não traz o texto da licença; a licença dele é %1.)</translation>
    </message>
    <message>
        <location filename="../../ui/about_dialog.py" line="199"/>
        <location filename="../../ui/about_dialog.py" line="202"/>
        <source>llama.cpp</source>
        <translation>llama.cpp</translation>
    </message>
    <message>
        <location filename="../../ui/about_dialog.py" line="102"/>
        <location filename="../../ui/about_dialog.py" line="199"/>
        <source>Load a model to see the build and backend in use.</source>
        <translation>Carregue um modelo para ver a versão e o backend em uso.</translation>
    </message>
    <message>
        <location filename="../../ui/about_dialog.py" line="202"/>
        <source>ggml %1, Python bindings %2</source>
        <translation>ggml %1, bindings Python %2</translation>
    </message>
    <message>
        <location filename="../../ui/about_dialog.py" line="205"/>
        <source>CPU backend</source>
        <translation>Backend de CPU</translation>
    </message>
    <message>
        <location filename="../../ui/about_dialog.py" line="208"/>
        <source>GPU</source>
        <translation>GPU</translation>
    </message>
    <message>
        <location filename="../../ui/about_dialog.py" line="208"/>
        <source>none in use (CPU only)</source>
        <translation>nenhuma em uso (só CPU)</translation>
    </message>
    <message>
        <location filename="../../ui/about_dialog.py" line="209"/>
        <source>llama.cpp features</source>
        <translation>Recursos do llama.cpp</translation>
    </message>
    <message>
        <location filename="../../ui/about_dialog.py" line="211"/>
        <source>llama.cpp build flags</source>
        <translation>Opções de compilação do llama.cpp</translation>
    </message>
    <message>
        <location filename="../../ui/about_dialog.py" line="212"/>
        <source>Processor</source>
        <translation>Processador</translation>
    </message>
    <message>
        <location filename="../../ui/about_dialog.py" line="213"/>
        <source>CPU features</source>
        <translation>Recursos da CPU</translation>
    </message>
    <message>
        <location filename="../../ui/about_dialog.py" line="213"/>
        <source>unknown</source>
        <translation>desconhecidos</translation>
    </message>
    <message>
        <location filename="../../ui/about_dialog.py" line="214"/>
        <source>Qt</source>
        <translation>Qt</translation>
    </message>
    <message>
        <location filename="../../ui/about_dialog.py" line="214"/>
        <source>%1 (PySide6 %2)</source>
        <translation>%1 (PySide6 %2)</translation>
    </message>
    <message>
        <location filename="../../ui/about_dialog.py" line="216"/>
        <source>Python</source>
        <translation>Python</translation>
    </message>
    <message>
        <location filename="../../ui/about_dialog.py" line="218"/>
        <source>Installed in</source>
        <translation>Instalado em</translation>
    </message>
    <message>
        <location filename="../../ui/about_dialog.py" line="219"/>
        <source> (portable: data beside the app)</source>
        <translation> (portátil: dados ao lado do app)</translation>
    </message>
    <message>
        <location filename="../../ui/about_dialog.py" line="222"/>
        <source>Folder: %1</source>
        <translation>Pasta: %1</translation>
    </message>
    <message>
        <location filename="../../ui/about_dialog.py" line="227"/>
        <source>built in (this llama.cpp was compiled for one CPU type)</source>
        <translation>embutido (este llama.cpp foi compilado para um tipo de CPU)</translation>
    </message>
    <message>
        <location filename="../../ui/about_dialog.py" line="228"/>
        <source>%1, chosen for this processor from %2 variants</source>
        <translation>%1, escolhida para este processador entre %2 variantes</translation>
    </message>
    <message>
        <location filename="../../ui/about_dialog.py" line="232"/>
        <source>; %1 is skipped because llama.cpp&apos;s AMX code crashes on some processors</source>
        <translation>; %1 é evitada porque o código AMX do llama.cpp trava em alguns processadores</translation>
    </message>
</context>
<context>
    <name>AlternativesPopup</name>
    <message>
        <location filename="../../ui/token_view.py" line="74"/>
        <source>“%1”: %2% likely. The model also weighed:</source>
        <translation>“%1”: %2% de probabilidade. O modelo também considerou:</translation>
    </message>
    <message>
        <location filename="../../ui/token_view.py" line="79"/>
        <source>Lesson: predicting the next token</source>
        <translation>Lição: prever o próximo token</translation>
    </message>
    <message>
        <location filename="../../ui/token_view.py" line="94"/>
        <source>Continue with this</source>
        <translation>Continuar com este</translation>
    </message>
    <message>
        <location filename="../../ui/token_view.py" line="95"/>
        <source>Regenerate the reply from here with this token instead; the original reply is kept.</source>
        <translation>Gera a resposta de novo a partir daqui com este token; a resposta original é mantida.</translation>
    </message>
    <message>
        <location filename="../../ui/token_view.py" line="101"/>
        <source>chosen</source>
        <translation>escolhido</translation>
    </message>
</context>
<context>
    <name>BaseInstructPage</name>
    <message>
        <location filename="../../ui/learn/base_instruct_page.py" line="39"/>
        <source>Base and instruct models</source>
        <translation>Modelos base e instruct</translation>
    </message>
    <message>
        <location filename="../../ui/learn/base_instruct_page.py" line="43"/>
        <source>A model is first trained on a huge amount of text to guess the next token: that gives a &lt;b&gt;base model&lt;/b&gt;, which &lt;b&gt;continues&lt;/b&gt; whatever text it is given, as if writing the rest of a page. An &lt;b&gt;instruct&lt;/b&gt; (chat) model is a base model trained further on conversations: it reads your words as a user&apos;s turn, through its chat template, and &lt;b&gt;answers&lt;/b&gt; them. Below, the same question to both, each choosing its most likely token every time (greedy), so the result is the same on every run.</source>
        <translation>Primeiro, um modelo é treinado com uma quantidade enorme de texto para adivinhar o próximo token: isso dá um &lt;b&gt;modelo base&lt;/b&gt;, que &lt;b&gt;continua&lt;/b&gt; qualquer texto que recebe, como se escrevesse o resto de uma página. Um modelo &lt;b&gt;instruct&lt;/b&gt; (de chat) é um modelo base treinado depois com conversas: ele lê as suas palavras como a vez do usuário, pelo seu template de chat, e as &lt;b&gt;responde&lt;/b&gt;. Abaixo, a mesma pergunta para os dois, cada um escolhendo sempre o token mais provável (greedy), então o resultado é o mesmo a cada execução.</translation>
    </message>
    <message>
        <location filename="../../ui/learn/base_instruct_page.py" line="53"/>
        <source>Question:</source>
        <translation>Pergunta:</translation>
    </message>
    <message>
        <location filename="../../ui/learn/base_instruct_page.py" line="56"/>
        <source>Question</source>
        <translation>Pergunta</translation>
    </message>
    <message>
        <location filename="../../ui/learn/base_instruct_page.py" line="57"/>
        <source>Change the question and press Enter to ask both models again</source>
        <translation>Mude a pergunta e pressione Enter para perguntar de novo aos dois modelos</translation>
    </message>
    <message>
        <location filename="../../ui/learn/base_instruct_page.py" line="71"/>
        <source>Base model, completion mode</source>
        <translation>Modelo base, modo de completar</translation>
    </message>
    <message>
        <location filename="../../ui/learn/base_instruct_page.py" line="72"/>
        <source>Instruct model, chat mode</source>
        <translation>Modelo instruct, modo de chat</translation>
    </message>
    <message>
        <location filename="../../ui/learn/base_instruct_page.py" line="75"/>
        <source>What to notice: the base model reads your question as the start of a document and goes on writing, often past any answer; the instruct model reads it as a question to answer, and was trained to end its turn when it is done (a very small one does not always manage).</source>
        <translation>Repare: o modelo base lê a sua pergunta como o início de um documento e continua escrevendo, muitas vezes além de qualquer resposta; o modelo instruct a lê como uma pergunta a responder, e foi treinado para encerrar a sua vez quando termina (um modelo muito pequeno nem sempre consegue).</translation>
    </message>
    <message>
        <location filename="../../ui/learn/base_instruct_page.py" line="101"/>
        <source>What it read:</source>
        <translation>O que ele leu:</translation>
    </message>
    <message>
        <location filename="../../ui/learn/base_instruct_page.py" line="104"/>
        <source>What it wrote:</source>
        <translation>O que ele escreveu:</translation>
    </message>
    <message>
        <location filename="../../ui/learn/base_instruct_page.py" line="136"/>
        <source>The bundled base model (Gemma 3 270M) is not installed with this copy of Prosa, so only the instruct half runs. “Try it yourself” opens the models, where you can download a base model (its name usually lacks “Instruct”, “-it” or “Chat”) and load it in completion mode.</source>
        <translation>O modelo base que acompanha o Prosa (Gemma 3 270M) não está instalado nesta cópia, então só a metade instruct é executada. “Experimente você mesmo” abre os modelos, onde você pode baixar um modelo base (o nome dele geralmente não tem “Instruct”, “-it” nem “Chat”) e carregá-lo no modo de completar.</translation>
    </message>
    <message>
        <location filename="../../ui/learn/base_instruct_page.py" line="143"/>
        <source>The chat&apos;s model, %1, is in completion mode: it is a base model too (or set to be read as one), so it continues your text instead of answering it.</source>
        <translation>O modelo do chat, %1, está no modo de completar: também é um modelo base (ou foi configurado para ser lido como um), então ele continua o seu texto em vez de respondê-lo.</translation>
    </message>
    <message>
        <location filename="../../ui/learn/base_instruct_page.py" line="149"/>
        <source>%1 · completion mode: reads your text as it is</source>
        <translation>%1 · modo de completar: lê o seu texto como ele é</translation>
    </message>
    <message>
        <location filename="../../ui/learn/base_instruct_page.py" line="152"/>
        <source>%1 · chat mode: reads your text as a user&apos;s turn</source>
        <translation>%1 · modo de chat: lê o seu texto como a vez do usuário</translation>
    </message>
    <message>
        <location filename="../../ui/learn/base_instruct_page.py" line="154"/>
        <source>%1 tokens read</source>
        <translation>%1 tokens lidos</translation>
    </message>
    <message>
        <location filename="../../ui/learn/base_instruct_page.py" line="157"/>
        <source>(nothing: it ended at once)</source>
        <translation>(nada: ele terminou na hora)</translation>
    </message>
    <message>
        <location filename="../../ui/learn/base_instruct_page.py" line="159"/>
        <source>It stopped by itself: it wrote its end token.</source>
        <translation>Ele parou sozinho: escreveu o seu token de fim.</translation>
    </message>
    <message>
        <location filename="../../ui/learn/base_instruct_page.py" line="160"/>
        <source>It was still writing when the limit of %1 tokens cut it.</source>
        <translation>Ele ainda estava escrevendo quando o limite de %1 tokens o interrompeu.</translation>
    </message>
</context>
<context>
    <name>ChatView</name>
    <message>
        <location filename="../../ui/chat_view.py" line="292"/>
        <source>Say hello: the model runs on this computer, and nothing you type leaves it.</source>
        <extracomment>The chat zoom&apos;s range: steps of one point from the application font&apos;s size. The user asked to see the prompt behind the message at this index. A message action was chosen: action (&quot;edit&quot;, &quot;regenerate&quot;, &quot;replay&quot;, &quot;prev&quot;, &quot;next&quot;, &quot;nbest&quot;, &quot;delete&quot;) and the message&apos;s index. &quot;copy&quot; is done here. A token of a coloured reply was clicked: message index, token index. The work left for later event-loop turns (older messages, a reply&apos;s rendering) is done: the document is complete. The user asked for the technical details of a problem shown (a Problem). The user answered a tool call waiting for approval: its call id, whether it may run, and whether later calls of the same tool may run without asking. The actions over the message under the mouse. Problems shown with a &quot;Details&quot; link, by the number in the link (shared with the tool cards). The calls answered and not shown as answered yet (a second click on a link of a card still waiting does nothing). The document&apos;s messages, and the work on it left for later turns. Text appended to the live reply so far (what the user sees streaming in). Number of times the live reply grew (for tests of batched streaming). The live reply&apos;s reasoning while it streams (None: it has none). Number of times the live reasoning grew.</extracomment>
        <translation>Diga olá: o modelo roda neste computador, e nada do que você digita sai dele.</translation>
    </message>
    <message>
        <location filename="../../ui/chat_view.py" line="300"/>
        <source>Write the beginning of a text below: the model continues it. Everything here is one document.</source>
        <translation>Escreva abaixo o começo de um texto: o modelo o continua. Tudo aqui é um só documento.</translation>
    </message>
    <message>
        <location filename="../../ui/chat_view.py" line="556"/>
        <location filename="../../ui/rich/hover.py" line="32"/>
        <source>Copy this message</source>
        <extracomment>The actions, in order: name, icon, tooltip, and who has it (&quot;&quot; everyone).</extracomment>
        <translation>Copiar esta mensagem</translation>
    </message>
    <message>
        <location filename="../../ui/chat_view.py" line="561"/>
        <location filename="../../ui/rich/hover.py" line="38"/>
        <source>Delete this message…</source>
        <translation>Excluir esta mensagem…</translation>
    </message>
    <message>
        <location filename="../../ui/chat_format.py" line="60"/>
        <source>The reply failed.</source>
        <translation>A resposta falhou.</translation>
    </message>
    <message>
        <location filename="../../ui/chat_format.py" line="182"/>
        <source>Tool</source>
        <extracomment>The palette code blocks, tables and quotes are drawn for. Each message shown, by index: its role and text (to copy it, or its code). Colour replies by how likely each token was (click a token: alternatives). Completion mode: a document the model continues, not a dialogue. The reasoning of each message shown, by index, with its fold state&apos;s key. The messages whose reasoning is open (``thinking.key``); folded by default. Kept across conversations shown, so a re-render keeps what the user opened. Seconds and tokens the view measured while a reply thought, for a message that does not carry them. Problems shown with a &quot;Details&quot; link, by the number in the link (the view&apos;s error lines and the tool cards share it). The tool call of each card shown, by message index, with its fold state&apos;s key (in :attr:`opened` when the card shows everything). The replies made under an output constraint, by index: shown as formatted JSON with a verdict (``structured_body``). A structured reply&apos;s formatted JSON, as its Copy link copies it.</extracomment>
        <translation>Ferramenta</translation>
    </message>
    <message>
        <location filename="../../ui/chat_format.py" line="184"/>
        <source>Your text</source>
        <translation>Seu texto</translation>
    </message>
    <message>
        <location filename="../../ui/chat_format.py" line="185"/>
        <source>Continued by the model</source>
        <translation>Continuação do modelo</translation>
    </message>
    <message>
        <location filename="../../ui/chat_format.py" line="187"/>
        <source>You</source>
        <translation>Você</translation>
    </message>
    <message>
        <location filename="../../ui/chat_format.py" line="188"/>
        <source>Assistant</source>
        <translation>Assistente</translation>
    </message>
    <message>
        <location filename="../../ui/chat_format.py" line="201"/>
        <source>edit</source>
        <translation>editar</translation>
    </message>
    <message>
        <location filename="../../ui/chat_format.py" line="203"/>
        <source>regenerate</source>
        <translation>gerar de novo</translation>
    </message>
    <message>
        <location filename="../../ui/chat_format.py" line="205"/>
        <source>replay</source>
        <translation>repetir</translation>
    </message>
    <message>
        <location filename="../../ui/chat_format.py" line="206"/>
        <source>prompt</source>
        <translation>prompt</translation>
    </message>
    <message>
        <location filename="../../ui/chat_format.py" line="208"/>
        <source>%1 candidates</source>
        <translation>%1 candidatas</translation>
    </message>
    <message>
        <location filename="../../ui/chat_format.py" line="211"/>
        <source>%1 tokens</source>
        <translation>%1 tokens</translation>
    </message>
    <message>
        <location filename="../../ui/chat_format.py" line="214"/>
        <source>(no longer seen by the model)</source>
        <translation>(o modelo não vê mais)</translation>
    </message>
    <message>
        <location filename="../../ui/chat_format.py" line="264"/>
        <location filename="../../ui/rich/tool_card.py" line="358"/>
        <source>Details…</source>
        <translation>Detalhes…</translation>
    </message>
    <message>
        <location filename="../../ui/chat_format.py" line="301"/>
        <source>Called %1</source>
        <translation>Chamou %1</translation>
    </message>
    <message>
        <location filename="../../ui/chat_format.py" line="322"/>
        <source>Valid against the schema</source>
        <translation>Válido segundo o esquema</translation>
    </message>
    <message>
        <location filename="../../ui/chat_format.py" line="325"/>
        <source>Does not match the schema: %1</source>
        <translation>Não segue o esquema: %1</translation>
    </message>
    <message>
        <location filename="../../ui/chat_format.py" line="327"/>
        <source>Not JSON: %1</source>
        <translation>Não é JSON: %1</translation>
    </message>
    <message>
        <location filename="../../ui/chat_view.py" line="558"/>
        <source>Inspect the prompt of this message…</source>
        <translation>Inspecionar o prompt desta mensagem…</translation>
    </message>
    <message>
        <location filename="../../ui/chat_format.py" line="54"/>
        <source>Stopped.</source>
        <extracomment>Why a reply ended early, by its status; a problem, when the reply has one, says more and is shown instead (interrupted or failed replies).</extracomment>
        <translation>Interrompida.</translation>
    </message>
    <message>
        <location filename="../../ui/chat_format.py" line="55"/>
        <source>Reached the maximum reply length.</source>
        <translation>Atingiu o tamanho máximo da resposta.</translation>
    </message>
    <message>
        <location filename="../../ui/chat_format.py" line="57"/>
        <source>The model&apos;s context is full.</source>
        <translation>O contexto do modelo está cheio.</translation>
    </message>
    <message>
        <location filename="../../ui/chat_format.py" line="58"/>
        <source>Interrupted: the app or the engine stopped mid-reply.</source>
        <translation>Interrompida: o app ou o motor parou no meio da resposta.</translation>
    </message>
    <message>
        <location filename="../../ui/rich/code_blocks.py" line="224"/>
        <source>code</source>
        <extracomment>Table format properties: the block&apos;s code, its language, and its href to copy it. Pygments styles, by the palette&apos;s lightness: both keep 4.5:1 on their backgrounds for the common token colours. How far a continued (wrapped) line is indented, in pixels. Languages whose lexers were made ready (or are being). An opening fence&apos;s info string, once its line is complete.</extracomment>
        <translation>código</translation>
    </message>
    <message>
        <location filename="../../ui/rich/code_blocks.py" line="233"/>
        <source>Copy this code</source>
        <translation>Copiar este código</translation>
    </message>
    <message>
        <location filename="../../ui/rich/code_blocks.py" line="234"/>
        <source>Copy</source>
        <translation>Copiar</translation>
    </message>
    <message>
        <location filename="../../ui/rich/hover.py" line="33"/>
        <source>Edit this message</source>
        <translation>Editar esta mensagem</translation>
    </message>
    <message>
        <location filename="../../ui/rich/hover.py" line="35"/>
        <source>Regenerate this reply</source>
        <translation>Gerar esta resposta de novo</translation>
    </message>
    <message>
        <location filename="../../ui/rich/hover.py" line="37"/>
        <source>Inspect the prompt of this message</source>
        <translation>Inspecionar o prompt desta mensagem</translation>
    </message>
    <message>
        <location filename="../../ui/rich/links.py" line="26"/>
        <source>Link not opened</source>
        <extracomment>The schemes a confirmed link may open.</extracomment>
        <translation>Link não aberto</translation>
    </message>
    <message>
        <location filename="../../ui/rich/links.py" line="27"/>
        <source>Prosa opens only web and e-mail addresses from a reply. This link was not opened:

%1</source>
        <translation>O Prosa abre apenas endereços da web e de e-mail de uma resposta. Este link não foi aberto:

%1</translation>
    </message>
    <message>
        <location filename="../../ui/rich/links.py" line="32"/>
        <source>Open link?</source>
        <translation>Abrir o link?</translation>
    </message>
    <message>
        <location filename="../../ui/rich/links.py" line="33"/>
        <source>The reply links to this address:

%1

Open it?</source>
        <translation>A resposta aponta para este endereço:

%1

Abri-lo?</translation>
    </message>
    <message>
        <location filename="../../ui/rich/thinking.py" line="59"/>
        <source>Thinking… %1 s, %2 tokens</source>
        <extracomment>Block format property of the section&apos;s blocks: :data:`HEADER` or :data:`TEXT`. The header&apos;s icon, a resource the view supplies (``ChatView.loadResource``). The icon&apos;s side and the reasoning&apos;s indent, in pixels. Space under an open section&apos;s last line, in pixels. Qt&apos;s relative font size step for the section&apos;s text (&quot;small&quot;, as HTML&apos;s &lt;small&gt;). The marks that say whether the section is open or folded.</extracomment>
        <translation>Pensando… %1 s, %2 tokens</translation>
    </message>
    <message>
        <location filename="../../ui/rich/thinking.py" line="60"/>
        <source>Thought for %1 s, %2 tokens</source>
        <translation>Pensou por %1 s, %2 tokens</translation>
    </message>
    <message>
        <location filename="../../ui/rich/thinking.py" line="61"/>
        <source>Thought for %1 s</source>
        <translation>Pensou por %1 s</translation>
    </message>
    <message>
        <location filename="../../ui/rich/thinking.py" line="62"/>
        <source>Thought: %1 tokens</source>
        <translation>Pensou: %1 tokens</translation>
    </message>
    <message>
        <location filename="../../ui/rich/thinking.py" line="63"/>
        <source>Thoughts</source>
        <translation>Raciocínio</translation>
    </message>
    <message>
        <location filename="../../ui/rich/thinking.py" line="64"/>
        <source>The model&apos;s reasoning before it answered: click to show or hide it. Copy copies the answer only.</source>
        <translation>O raciocínio do modelo antes de responder: clique para mostrá-lo ou escondê-lo. Copiar copia só a resposta.</translation>
    </message>
    <message>
        <location filename="../../ui/rich/tool_card.py" line="79"/>
        <source>Waiting for your approval</source>
        <extracomment>Table format property of a card: the call&apos;s id. Block format property of the block after a card. The name line&apos;s icon, a resource the view supplies (``ChatView.loadResource``). The icon of a tool (a wrench once ``ui.icons`` names one; braces until then). What a folded card shows: the first lines of the arguments and of the result, and at most this many characters of each (one long line must not fill the screen either). An open card shows this much at most (results are cut at 16,000 characters before they are kept; a stored file could hold more). The longest tool name a title shows. The approval links&apos; actions (``prosa:ACTION/INDEX``).</extracomment>
        <translation>Aguardando sua permissão</translation>
    </message>
    <message>
        <location filename="../../ui/rich/tool_card.py" line="80"/>
        <source>Running…</source>
        <translation>Executando…</translation>
    </message>
    <message>
        <location filename="../../ui/rich/tool_card.py" line="81"/>
        <source>Done in %1</source>
        <translation>Concluída em %1</translation>
    </message>
    <message>
        <location filename="../../ui/rich/tool_card.py" line="82"/>
        <source>Failed</source>
        <translation>Falhou</translation>
    </message>
    <message>
        <location filename="../../ui/rich/tool_card.py" line="83"/>
        <source>Denied</source>
        <translation>Negada</translation>
    </message>
    <message>
        <location filename="../../ui/rich/tool_card.py" line="84"/>
        <source>Invalid arguments</source>
        <translation>Argumentos inválidos</translation>
    </message>
    <message>
        <location filename="../../ui/rich/tool_card.py" line="85"/>
        <source>Unknown tool</source>
        <translation>Ferramenta desconhecida</translation>
    </message>
    <message>
        <location filename="../../ui/rich/tool_card.py" line="86"/>
        <source>Timed out</source>
        <translation>Tempo esgotado</translation>
    </message>
    <message>
        <location filename="../../ui/rich/tool_card.py" line="87"/>
        <source>Not run: call limit reached</source>
        <translation>Não executada: limite de chamadas atingido</translation>
    </message>
    <message>
        <location filename="../../ui/rich/tool_card.py" line="97"/>
        <source>You did not allow this call; the model was told so.</source>
        <extracomment>The mark before the status, and the role colouring it.</extracomment>
        <translation>Você não permitiu esta chamada; o modelo foi avisado.</translation>
    </message>
    <message>
        <location filename="../../ui/rich/tool_card.py" line="99"/>
        <source>The model wants to run this tool. Nothing runs until you allow it.</source>
        <translation>O modelo quer executar esta ferramenta. Nada é executado até você permitir.</translation>
    </message>
    <message>
        <location filename="../../ui/rich/tool_card.py" line="117"/>
        <source>MCP server “%1”</source>
        <extracomment>Unqualified, as lupdate finds it: every text is in the ``ChatView`` context.</extracomment>
        <translation>servidor MCP “%1”</translation>
    </message>
    <message>
        <location filename="../../ui/rich/tool_card.py" line="118"/>
        <source>built-in</source>
        <translation>embutida</translation>
    </message>
    <message>
        <location filename="../../ui/rich/tool_card.py" line="131"/>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <location filename="../../ui/rich/tool_card.py" line="132"/>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <location filename="../../ui/rich/tool_card.py" line="305"/>
        <source>Arguments</source>
        <translation>Argumentos</translation>
    </message>
    <message>
        <location filename="../../ui/rich/tool_card.py" line="309"/>
        <source>none</source>
        <translation>nenhum</translation>
    </message>
    <message>
        <location filename="../../ui/rich/tool_card.py" line="325"/>
        <source>Result</source>
        <translation>Resultado</translation>
    </message>
    <message>
        <location filename="../../ui/rich/tool_card.py" line="326"/>
        <source>Sent to the model</source>
        <translation>Enviado ao modelo</translation>
    </message>
    <message>
        <location filename="../../ui/rich/tool_card.py" line="336"/>
        <source>Cut: the model was given the first %1 characters; %2 more were left out.</source>
        <translation>Cortado: o modelo recebeu os primeiros %1 caracteres; outros %2 ficaram de fora.</translation>
    </message>
    <message>
        <location filename="../../ui/rich/tool_card.py" line="371"/>
        <source>Show all (%1 lines)</source>
        <translation>Mostrar tudo (%1 linhas)</translation>
    </message>
    <message>
        <location filename="../../ui/rich/tool_card.py" line="381"/>
        <source>Allow once</source>
        <translation>Permitir uma vez</translation>
    </message>
    <message>
        <location filename="../../ui/rich/tool_card.py" line="382"/>
        <source>Run this call; ask again next time</source>
        <translation>Executar esta chamada; perguntar de novo da próxima vez</translation>
    </message>
    <message>
        <location filename="../../ui/rich/tool_card.py" line="383"/>
        <source>Always allow this tool</source>
        <translation>Sempre permitir esta ferramenta</translation>
    </message>
    <message>
        <location filename="../../ui/rich/tool_card.py" line="384"/>
        <source>Run this call and later calls of this tool without asking</source>
        <translation>Executar esta chamada e as próximas desta ferramenta sem perguntar</translation>
    </message>
    <message>
        <location filename="../../ui/rich/tool_card.py" line="386"/>
        <source>Deny</source>
        <translation>Negar</translation>
    </message>
    <message>
        <location filename="../../ui/rich/tool_card.py" line="387"/>
        <source>Do not run it; the model is told so</source>
        <translation>Não executar; o modelo é avisado</translation>
    </message>
</context>
<context>
    <name>Composer</name>
    <message>
        <location filename="../../ui/composer.py" line="16"/>
        <source>Message the model (Enter to send, Shift+Enter for a new line)</source>
        <translation>Mensagem para o modelo (Enter envia, Shift+Enter quebra a linha)</translation>
    </message>
    <message>
        <location filename="../../ui/composer.py" line="19"/>
        <source>Message</source>
        <translation>Mensagem</translation>
    </message>
    <message>
        <location filename="../../ui/composer.py" line="20"/>
        <source>Your message: Enter sends it, Shift+Enter starts a new line, Tab moves on</source>
        <translation>Sua mensagem: Enter envia, Shift+Enter começa uma nova linha, Tab passa adiante</translation>
    </message>
</context>
<context>
    <name>ContextBar</name>
    <message>
        <location filename="../../ui/learn/chat_views.py" line="216"/>
        <source>%1 of %2 tokens</source>
        <translation>%1 de %2 tokens</translation>
    </message>
</context>
<context>
    <name>ContextPage</name>
    <message>
        <location filename="../../ui/learn/context_page.py" line="25"/>
        <source>Context length: what falls out</source>
        <translation>Tamanho do contexto: o que fica de fora</translation>
    </message>
    <message>
        <location filename="../../ui/learn/context_page.py" line="29"/>
        <source>A model reads at most a fixed number of tokens at once: its &lt;b&gt;context&lt;/b&gt;. Everything it knows about your chat must fit in it, the system prompt, every earlier message and room for its reply. A long conversation does not fit, and something must give. Here the chat&apos;s model is loaded with a small context on purpose, and a conversation whose first message tells the model your name is sent with each of Prosa&apos;s policies for this case.</source>
        <translation>Um modelo lê no máximo um número fixo de tokens de uma vez: o seu &lt;b&gt;contexto&lt;/b&gt;. Tudo o que ele sabe sobre o seu chat precisa caber ali: o prompt de sistema, cada mensagem anterior e espaço para a resposta. Uma conversa longa não cabe, e algo tem de ceder. Aqui o modelo do chat é carregado de propósito com um contexto pequeno, e uma conversa cuja primeira mensagem diz o seu nome ao modelo é enviada com cada uma das políticas do Prosa para esse caso.</translation>
    </message>
    <message>
        <location filename="../../ui/learn/context_page.py" line="44"/>
        <source>Each block is a message the model reads (its words and the template around them); the line is where the prompt must end, the hatched part after it is kept for the reply. Below the bar: each message and its tokens.</source>
        <translation>Cada bloco é uma mensagem que o modelo lê (as palavras dela e o template em volta); a linha marca onde o prompt precisa terminar, e a parte hachurada depois dela fica reservada para a resposta. Abaixo da barra: cada mensagem e os seus tokens.</translation>
    </message>
    <message>
        <location filename="../../ui/learn/context_page.py" line="73"/>
        <source>Stop and say so</source>
        <translation>Parar e avisar</translation>
    </message>
    <message>
        <location filename="../../ui/learn/context_page.py" line="74"/>
        <source>Drop the oldest messages</source>
        <translation>Descartar as mensagens mais antigas</translation>
    </message>
    <message>
        <location filename="../../ui/learn/context_page.py" line="75"/>
        <source>Keep the first exchange, drop the middle</source>
        <translation>Manter a primeira troca, descartar o meio</translation>
    </message>
    <message>
        <location filename="../../ui/learn/context_page.py" line="86"/>
        <source>%1 with a context of %2 tokens, %3 of them kept for the reply: the prompt may use %4. This conversation needs %5 tokens.</source>
        <translation>%1 com um contexto de %2 tokens, %3 deles reservados para a resposta: o prompt pode usar %4. Esta conversa precisa de %5 tokens.</translation>
    </message>
    <message>
        <location filename="../../ui/learn/context_page.py" line="105"/>
        <source>Nothing is sent: Prosa says so instead. “%1”</source>
        <translation>Nada é enviado: em vez disso, o Prosa avisa. “%1”</translation>
    </message>
    <message>
        <location filename="../../ui/learn/context_page.py" line="108"/>
        <source>Nothing left out: the conversation fits. The model answered: “%1”</source>
        <translation>Nada ficou de fora: a conversa cabe. O modelo respondeu: “%1”</translation>
    </message>
    <message>
        <location filename="../../ui/learn/context_page.py" line="113"/>
        <source>Left out: messages %1; the model read %2 tokens.</source>
        <translation>Ficaram de fora: as mensagens %1; o modelo leu %2 tokens.</translation>
    </message>
    <message>
        <location filename="../../ui/learn/context_page.py" line="116"/>
        <source>The system prompt and your last message stay.</source>
        <translation>O prompt de sistema e a sua última mensagem ficam.</translation>
    </message>
    <message>
        <location filename="../../ui/learn/context_page.py" line="118"/>
        <source>The message with your name is gone: the model never read it.</source>
        <translation>A mensagem com o seu nome sumiu: o modelo nunca a leu.</translation>
    </message>
    <message>
        <location filename="../../ui/learn/context_page.py" line="121"/>
        <source>The message with your name is still read (whether a small model uses it is another matter).</source>
        <translation>A mensagem com o seu nome ainda é lida (se um modelo pequeno a usa é outra história).</translation>
    </message>
    <message>
        <location filename="../../ui/learn/context_page.py" line="123"/>
        <source>The model answered: “%1”</source>
        <translation>O modelo respondeu: “%1”</translation>
    </message>
</context>
<context>
    <name>DecodingPage</name>
    <message>
        <location filename="../../ui/learn/decoding_page.py" line="87"/>
        <source>Decoding strategies side by side</source>
        <translation>Estratégias de decodificação lado a lado</translation>
    </message>
    <message>
        <location filename="../../ui/learn/decoding_page.py" line="91"/>
        <source>For a given text, the model&apos;s probabilities for the next token are fixed; a &lt;b&gt;decoding strategy&lt;/b&gt; decides how the next token is picked from them. Here one prompt is answered five times, each time one setting changed. Each reply&apos;s &lt;b&gt;log-probability&lt;/b&gt; is the sum of the natural logarithms of its tokens&apos; probabilities: 0 would mean the model was certain of every token, and the more negative it is, the more surprising the reply was to the model. Sampled replies draw tokens at random, and a &lt;b&gt;seed&lt;/b&gt; fixes the draw.</source>
        <translation>Para um dado texto, as probabilidades que o modelo dá ao próximo token são fixas; uma &lt;b&gt;estratégia de decodificação&lt;/b&gt; decide como o próximo token é escolhido a partir delas. Aqui um mesmo prompt é respondido cinco vezes, mudando uma configuração de cada vez. A &lt;b&gt;log-probabilidade&lt;/b&gt; de cada resposta é a soma dos logaritmos naturais das probabilidades dos seus tokens: 0 significaria que o modelo tinha certeza de cada token, e quanto mais negativa, mais a resposta surpreendeu o modelo. As respostas por amostragem sorteiam os tokens, e uma &lt;b&gt;semente&lt;/b&gt; fixa o sorteio.</translation>
    </message>
    <message>
        <location filename="../../ui/learn/decoding_page.py" line="100"/>
        <source>Your prompt:</source>
        <translation>Seu prompt:</translation>
    </message>
    <message>
        <location filename="../../ui/learn/decoding_page.py" line="103"/>
        <source>Prompt for the model</source>
        <translation>Prompt para o modelo</translation>
    </message>
    <message>
        <location filename="../../ui/learn/decoding_page.py" line="111"/>
        <source>Each reply&apos;s tokens are shaded by the model&apos;s own probability for them: green when it found the token likely, red when it found it surprising.</source>
        <translation>Os tokens de cada resposta têm a cor da probabilidade que o próprio modelo lhes deu: verde quando achou o token provável, vermelho quando o achou surpreendente.</translation>
    </message>
    <message>
        <location filename="../../ui/learn/decoding_page.py" line="129"/>
        <source>Pick a card and press “Try it yourself” to chat with its settings.</source>
        <translation>Escolha um cartão e clique em “Experimente você mesmo” para conversar com as configurações dele.</translation>
    </message>
    <message>
        <location filename="../../ui/learn/decoding_page.py" line="136"/>
        <source>Greedy</source>
        <translation>Gulosa</translation>
    </message>
    <message>
        <location filename="../../ui/learn/decoding_page.py" line="137"/>
        <source>Always the most likely token. No randomness.</source>
        <translation>Sempre o token mais provável. Sem acaso.</translation>
    </message>
    <message>
        <location filename="../../ui/learn/decoding_page.py" line="138"/>
        <source>The safest choice at each step is not always the best reply: greedy can get stuck repeating itself, and the same prompt always gives the same reply.</source>
        <translation>A escolha mais segura a cada passo nem sempre dá a melhor resposta: a decodificação gulosa pode ficar presa se repetindo, e o mesmo prompt sempre dá a mesma resposta.</translation>
    </message>
    <message>
        <location filename="../../ui/learn/decoding_page.py" line="142"/>
        <source>Sampling, temperature 0.7</source>
        <translation>Amostragem, temperatura 0,7</translation>
    </message>
    <message>
        <location filename="../../ui/learn/decoding_page.py" line="143"/>
        <source>A random draw, after dividing the model&apos;s scores by 0.7.</source>
        <translation>Um sorteio, depois de dividir as pontuações do modelo por 0,7.</translation>
    </message>
    <message>
        <location filename="../../ui/learn/decoding_page.py" line="144"/>
        <source>A temperature below 1 sharpens the probabilities: likely tokens get likelier, so the reply varies a little but stays sensible.</source>
        <translation>Uma temperatura abaixo de 1 acentua as probabilidades: os tokens prováveis ficam mais prováveis, então a resposta varia um pouco mas continua sensata.</translation>
    </message>
    <message>
        <location filename="../../ui/learn/decoding_page.py" line="148"/>
        <source>Sampling, temperature 1.5</source>
        <translation>Amostragem, temperatura 1,5</translation>
    </message>
    <message>
        <location filename="../../ui/learn/decoding_page.py" line="149"/>
        <source>A random draw, after dividing the model&apos;s scores by 1.5.</source>
        <translation>Um sorteio, depois de dividir as pontuações do modelo por 1,5.</translation>
    </message>
    <message>
        <location filename="../../ui/learn/decoding_page.py" line="150"/>
        <source>A temperature above 1 flattens the probabilities: unlikely tokens get a real chance, and one odd token leads to another. Its log-probability is usually far lower.</source>
        <translation>Uma temperatura acima de 1 achata as probabilidades: os tokens improváveis ganham uma chance real, e um token estranho leva a outro. A log-probabilidade costuma ser bem mais baixa.</translation>
    </message>
    <message>
        <location filename="../../ui/learn/decoding_page.py" line="154"/>
        <source>Top-k sampling, k = 5</source>
        <translation>Amostragem top-k, k = 5</translation>
    </message>
    <message>
        <location filename="../../ui/learn/decoding_page.py" line="155"/>
        <source>A random draw among the 5 most likely tokens only (temperature 1).</source>
        <translation>Um sorteio só entre os 5 tokens mais prováveis (temperatura 1).</translation>
    </message>
    <message>
        <location filename="../../ui/learn/decoding_page.py" line="157"/>
        <source>Cutting off the long tail of unlikely tokens keeps the variety of sampling without its worst surprises.</source>
        <translation>Cortar a longa cauda de tokens improváveis mantém a variedade da amostragem sem as suas piores surpresas.</translation>
    </message>
    <message>
        <location filename="../../ui/learn/decoding_page.py" line="160"/>
        <source>Beam search, width 4</source>
        <translation>Busca em feixe, largura 4</translation>
    </message>
    <message>
        <location filename="../../ui/learn/decoding_page.py" line="161"/>
        <source>Keeps the 4 most likely partial replies at every step and returns the most likely whole one.</source>
        <translation>Mantém as 4 respostas parciais mais prováveis a cada passo e devolve a resposta inteira mais provável.</translation>
    </message>
    <message>
        <location filename="../../ui/learn/decoding_page.py" line="163"/>
        <source>A token that looks worse now may lead to a better whole reply: beam search often finds a likelier whole reply than greedy. No randomness either.</source>
        <translation>Um token que parece pior agora pode levar a uma resposta inteira melhor: a busca em feixe muitas vezes encontra uma resposta inteira mais provável que a gulosa. Também sem acaso.</translation>
    </message>
    <message>
        <location filename="../../ui/learn/decoding_page.py" line="181"/>
        <source>Seed: &lt;b&gt;%1&lt;/b&gt; for every sampled reply. “Run again” draws a new seed: the sampled replies change, greedy and beam search stay the same.</source>
        <translation>Semente: &lt;b&gt;%1&lt;/b&gt; para cada resposta por amostragem. “Rodar de novo” sorteia uma nova semente: as respostas por amostragem mudam, a gulosa e a da busca em feixe continuam iguais.</translation>
    </message>
    <message>
        <location filename="../../ui/learn/decoding_page.py" line="191"/>
        <source>%1 tokens</source>
        <translation>%1 tokens</translation>
    </message>
    <message>
        <location filename="../../ui/learn/decoding_page.py" line="192"/>
        <source>log-probability %1</source>
        <translation>log-probabilidade %1</translation>
    </message>
    <message>
        <location filename="../../ui/learn/decoding_page.py" line="194"/>
        <source>seed %1</source>
        <translation>semente %1</translation>
    </message>
    <message>
        <location filename="../../ui/learn/decoding_page.py" line="196"/>
        <source>search score %1</source>
        <translation>pontuação da busca %1</translation>
    </message>
    <message>
        <location filename="../../ui/learn/decoding_page.py" line="198"/>
        <source>cut at %1 tokens</source>
        <translation>cortada em %1 tokens</translation>
    </message>
</context>
<context>
    <name>DetailsDialog</name>
    <message>
        <location filename="../../ui/details_dialog.py" line="43"/>
        <source>Details</source>
        <translation>Detalhes</translation>
    </message>
    <message>
        <location filename="../../ui/details_dialog.py" line="50"/>
        <source>Technical details</source>
        <translation>Detalhes técnicos</translation>
    </message>
    <message>
        <location filename="../../ui/details_dialog.py" line="51"/>
        <source>What a developer needs to find the cause, in English</source>
        <translation>O que um desenvolvedor precisa para achar a causa, em inglês</translation>
    </message>
    <message>
        <location filename="../../ui/details_dialog.py" line="55"/>
        <source>Close this window</source>
        <translation>Fechar esta janela</translation>
    </message>
    <message>
        <location filename="../../ui/details_dialog.py" line="56"/>
        <source>Copy</source>
        <translation>Copiar</translation>
    </message>
    <message>
        <location filename="../../ui/details_dialog.py" line="58"/>
        <source>Copy these details, to paste into a bug report</source>
        <translation>Copia estes detalhes, para colar num relato de problema</translation>
    </message>
</context>
<context>
    <name>DialogButtons</name>
    <message>
        <location filename="../../ui/dialog_buttons.py" line="20"/>
        <source>Close without changing anything</source>
        <translation>Fechar sem mudar nada</translation>
    </message>
</context>
<context>
    <name>DownloadsView</name>
    <message>
        <location filename="../../ui/downloads_view.py" line="139"/>
        <source>No downloads. Find models in the “Hugging Face Hub” tab.</source>
        <extracomment>A finished download should be loaded (path of its first file). A download finished and was verified (for the library).</extracomment>
        <translation>Nenhum download. Encontre modelos na aba “Hugging Face Hub”.</translation>
    </message>
    <message>
        <location filename="../../ui/downloads_view.py" line="190"/>
        <source>Downloads</source>
        <translation>Downloads</translation>
    </message>
</context>
<context>
    <name>EngineTab</name>
    <message>
        <location filename="../../ui/engine_tab.py" line="47"/>
        <source>How many tokens the model can see at once: the conversation so far plus the reply. More uses more memory.</source>
        <extracomment>The snapshot cap&apos;s spin box shows &quot;Automatic&quot; at this value (``None`` in settings).</extracomment>
        <translation>Quantos tokens o modelo enxerga de uma vez: a conversa até agora mais a resposta. Mais contexto usa mais memória.</translation>
    </message>
    <message>
        <location filename="../../ui/engine_tab.py" line="53"/>
        <source>all</source>
        <translation>todas</translation>
    </message>
    <message>
        <location filename="../../ui/engine_tab.py" line="55"/>
        <source>Layers to run on the GPU (needs a GPU build of llama.cpp). 0 runs on the CPU only.</source>
        <translation>Camadas executadas na GPU (requer uma compilação do llama.cpp com GPU). 0 usa só a CPU.</translation>
    </message>
    <message>
        <location filename="../../ui/engine_tab.py" line="60"/>
        <source>automatic</source>
        <translation>automático</translation>
    </message>
    <message>
        <location filename="../../ui/engine_tab.py" line="62"/>
        <source>Processor threads that compute the reply. &apos;automatic&apos; lets llama.cpp choose.</source>
        <translation>Threads do processador que calculam a resposta. &apos;automático&apos; deixa o llama.cpp escolher.</translation>
    </message>
    <message>
        <location filename="../../ui/engine_tab.py" line="66"/>
        <location filename="../../ui/engine_tab.py" line="90"/>
        <location filename="../../ui/engine_tab.py" line="113"/>
        <location filename="../../ui/engine_tab.py" line="122"/>
        <location filename="../../ui/engine_tab.py" line="234"/>
        <source>Automatic</source>
        <translation>Automático</translation>
    </message>
    <message>
        <location filename="../../ui/engine_tab.py" line="67"/>
        <source>On</source>
        <translation>Ligado</translation>
    </message>
    <message>
        <location filename="../../ui/engine_tab.py" line="68"/>
        <source>Off (exact)</source>
        <translation>Desligado (exato)</translation>
    </message>
    <message>
        <location filename="../../ui/engine_tab.py" line="71"/>
        <source>Flash attention computes attention in one fused step: less memory for long conversations and often faster. Its probabilities differ from the plain way in the last digits, so a greedy reply can take another word where two were almost tied. Automatic lets llama.cpp decide for this model and device.</source>
        <translation>O flash attention calcula a atenção num só passo fundido: menos memória em conversas longas e, muitas vezes, mais rapidez. Suas probabilidades diferem das do caminho comum nos últimos dígitos, então uma resposta gulosa pode escolher outra palavra onde duas estavam quase empatadas. Automático deixa o llama.cpp decidir para este modelo e dispositivo.</translation>
    </message>
    <message>
        <location filename="../../ui/engine_tab.py" line="77"/>
        <source>f16 (exact)</source>
        <translation>f16 (exato)</translation>
    </message>
    <message>
        <location filename="../../ui/engine_tab.py" line="78"/>
        <source>q8_0 (half the memory)</source>
        <translation>q8_0 (metade da memória)</translation>
    </message>
    <message>
        <location filename="../../ui/engine_tab.py" line="79"/>
        <source>q4_0 (a quarter of the memory)</source>
        <translation>q4_0 (um quarto da memória)</translation>
    </message>
    <message>
        <location filename="../../ui/engine_tab.py" line="82"/>
        <source>How the model&apos;s memory of the conversation (the KV cache) is stored. Smaller formats fit longer conversations in the same memory and change the probabilities a little (q4_0 more than q8_0). They need flash attention.</source>
        <translation>Como a memória que o modelo tem da conversa (o cache KV) é guardada. Formatos menores cabem conversas mais longas na mesma memória e mudam um pouco as probabilidades (q4_0 mais que q8_0). Eles precisam de flash attention.</translation>
    </message>
    <message>
        <location filename="../../ui/engine_tab.py" line="89"/>
        <source> MB</source>
        <translation> MB</translation>
    </message>
    <message>
        <location filename="../../ui/engine_tab.py" line="94"/>
        <source>Conversations are kept ready on disk, so reopening one, even after a restart, answers as fast as if it had never been left. Beyond this space the least recently used go first. 0 keeps none; Automatic uses a tenth of the free space, up to 8 GB.</source>
        <translation>As conversas ficam prontas no disco, então reabrir uma, mesmo depois de reiniciar, responde tão rápido quanto se ela nunca tivesse sido deixada. Além deste espaço, as usadas há mais tempo saem primeiro. 0 não guarda nenhuma; Automático usa um décimo do espaço livre, até 8 GB.</translation>
    </message>
    <message>
        <location filename="../../ui/engine_tab.py" line="101"/>
        <source>Clear</source>
        <translation>Limpar</translation>
    </message>
    <message>
        <location filename="../../ui/engine_tab.py" line="104"/>
        <source>Delete the conversations kept ready. Nothing of the conversations themselves is lost: their next reply reads them again from the start.</source>
        <translation>Apaga as conversas mantidas prontas. Nada das conversas em si se perde: a próxima resposta as lê de novo desde o início.</translation>
    </message>
    <message>
        <location filename="../../ui/engine_tab.py" line="114"/>
        <source>Chat</source>
        <translation>Chat</translation>
    </message>
    <message>
        <location filename="../../ui/engine_tab.py" line="115"/>
        <source>Completion</source>
        <translation>Completar texto</translation>
    </message>
    <message>
        <location filename="../../ui/engine_tab.py" line="117"/>
        <source>Chat formats the conversation with a chat template (instruction-tuned models). Completion gives your text to the model as it is, and the model continues it (base models). Automatic decides from the model.</source>
        <translation>Chat formata a conversa com um template de chat (modelos ajustados para instruções). Completar texto entrega seu texto ao modelo como está, e o modelo o continua (modelos base). Automático decide a partir do modelo.</translation>
    </message>
    <message>
        <location filename="../../ui/engine_tab.py" line="126"/>
        <source>How the model marks its reasoning and tool calls. Automatic reads it from the model&apos;s chat template and tokens; choose one when a model writes another family&apos;s format.</source>
        <translation>Como o modelo marca o raciocínio e as chamadas de ferramentas. Automático lê isso do template de chat e dos tokens do modelo; escolha um quando um modelo escreve no formato de outra família.</translation>
    </message>
    <message>
        <location filename="../../ui/engine_tab.py" line="131"/>
        <source>Stop and say so</source>
        <translation>Parar e avisar</translation>
    </message>
    <message>
        <location filename="../../ui/engine_tab.py" line="132"/>
        <source>Drop the oldest messages</source>
        <translation>Deixar de fora as mensagens mais antigas</translation>
    </message>
    <message>
        <location filename="../../ui/engine_tab.py" line="133"/>
        <source>Keep the first exchange, drop the middle</source>
        <translation>Manter a primeira troca, deixar de fora o meio</translation>
    </message>
    <message>
        <location filename="../../ui/engine_tab.py" line="136"/>
        <source>What this conversation does when it no longer fits the model&apos;s context. The system prompt and your last message are always kept; messages left out are marked in the conversation.</source>
        <translation>O que esta conversa faz quando não cabe mais no contexto do modelo. O prompt de sistema e sua última mensagem são sempre mantidos; as mensagens deixadas de fora ficam marcadas na conversa.</translation>
    </message>
    <message>
        <location filename="../../ui/engine_tab.py" line="144"/>
        <source>Read ahead while I type</source>
        <translation>Ler adiante enquanto digito</translation>
    </message>
    <message>
        <location filename="../../ui/engine_tab.py" line="148"/>
        <source>While you type, the model already reads the conversation and your draft, so its reply starts sooner, however long the conversation. It uses the processor while you type.</source>
        <translation>Enquanto você digita, o modelo já lê a conversa e o seu rascunho, e a resposta começa mais cedo, por mais longa que seja a conversa. Usa o processador enquanto você digita.</translation>
    </message>
    <message>
        <location filename="../../ui/engine_tab.py" line="151"/>
        <source>Edit chat template…</source>
        <translation>Editar template de chat…</translation>
    </message>
    <message>
        <location filename="../../ui/engine_tab.py" line="154"/>
        <source>Change how this model&apos;s conversations are turned into the text it reads</source>
        <translation>Mudar como as conversas deste modelo viram o texto que ele lê</translation>
    </message>
    <message>
        <location filename="../../ui/engine_tab.py" line="155"/>
        <source>Reload model with these settings</source>
        <translation>Recarregar o modelo com estas configurações</translation>
    </message>
    <message>
        <location filename="../../ui/engine_tab.py" line="156"/>
        <source>Load the model again with the context, GPU and thread settings above</source>
        <translation>Carregar o modelo de novo com as configurações de contexto, GPU e threads acima</translation>
    </message>
    <message>
        <location filename="../../ui/engine_tab.py" line="158"/>
        <source>These settings take effect when the model is loaded again.</source>
        <translation>Estas configurações valem quando o modelo for carregado de novo.</translation>
    </message>
    <message>
        <location filename="../../ui/engine_tab.py" line="173"/>
        <source>Context length</source>
        <extracomment>What the loaded model was loaded with (see :meth:`values`).</extracomment>
        <translation>Tamanho do contexto</translation>
    </message>
    <message>
        <location filename="../../ui/engine_tab.py" line="174"/>
        <source>Lesson: context length, and what falls out</source>
        <translation>Lição: tamanho do contexto, e o que fica de fora</translation>
    </message>
    <message>
        <location filename="../../ui/engine_tab.py" line="175"/>
        <source>GPU layers</source>
        <translation>Camadas na GPU</translation>
    </message>
    <message>
        <location filename="../../ui/engine_tab.py" line="176"/>
        <source>CPU threads</source>
        <translation>Threads da CPU</translation>
    </message>
    <message>
        <location filename="../../ui/engine_tab.py" line="177"/>
        <source>Flash attention</source>
        <translation>Flash attention</translation>
    </message>
    <message>
        <location filename="../../ui/engine_tab.py" line="178"/>
        <source>KV cache</source>
        <translation>Cache KV</translation>
    </message>
    <message>
        <location filename="../../ui/engine_tab.py" line="179"/>
        <source>Conversations kept ready on disk</source>
        <translation>Conversas mantidas prontas no disco</translation>
    </message>
    <message>
        <location filename="../../ui/engine_tab.py" line="181"/>
        <source>Mode</source>
        <translation>Modo</translation>
    </message>
    <message>
        <location filename="../../ui/engine_tab.py" line="182"/>
        <source>Lesson: base and instruct models</source>
        <translation>Lição: modelos base e instruct</translation>
    </message>
    <message>
        <location filename="../../ui/engine_tab.py" line="183"/>
        <source>Output format</source>
        <translation>Formato da saída</translation>
    </message>
    <message>
        <location filename="../../ui/engine_tab.py" line="184"/>
        <source>When the conversation is too long</source>
        <translation>Quando a conversa ficar longa demais</translation>
    </message>
    <message>
        <location filename="../../ui/engine_tab.py" line="209"/>
        <source>Off: no conversation is kept ready.</source>
        <translation>Desligado: nenhuma conversa é mantida pronta.</translation>
    </message>
    <message>
        <location filename="../../ui/engine_tab.py" line="211"/>
        <source>In use: %1 of %2 (conversations kept: %3)</source>
        <translation>Em uso: %1 de %2 (conversas guardadas: %3)</translation>
    </message>
    <message>
        <location filename="../../ui/engine_tab.py" line="233"/>
        <source>Automatic (%1)</source>
        <translation>Automático (%1)</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <location filename="../../ui/error_texts/app.py" line="8"/>
        <source>The report could not be written to {path}: {reason}</source>
        <translation>Não foi possível gravar o relatório em {path}: {reason}</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/app.py" line="11"/>
        <source>Something went wrong: {error}</source>
        <translation>Algo deu errado: {error}</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/app.py" line="14"/>
        <source>The context length must be between {low} and {high}.</source>
        <translation>O tamanho do contexto deve ficar entre {low} e {high}.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/app.py" line="17"/>
        <source>The settings file was damaged; it was kept as {name} and default settings are in use.</source>
        <translation>O arquivo de configurações estava danificado; ele foi guardado como {name} e as configurações padrão estão em uso.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/app.py" line="21"/>
        <source>GPU layers must be -1 (all), 0 (none) or a positive number.</source>
        <translation>As camadas na GPU devem ser -1 (todas), 0 (nenhuma) ou um número positivo.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/app.py" line="24"/>
        <source>The Hub address must start with http:// or https://.</source>
        <translation>O endereço do Hub deve começar com http:// ou https://.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/app.py" line="27"/>
        <location filename="../../ui/error_texts/engine.py" line="86"/>
        <source>A {format} KV cache needs flash attention: choose On or Automatic, or the f16 cache.</source>
        <translation>Um cache KV {format} precisa de flash attention: escolha Ligado ou Automático, ou o cache f16.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/app.py" line="31"/>
        <source>The models folder must be a full path.</source>
        <translation>A pasta de modelos deve ser um caminho completo.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/app.py" line="34"/>
        <source>The models folder {path} cannot be used ({reason}); the default folder is used instead.</source>
        <translation>A pasta de modelos {path} não pode ser usada ({reason}); a pasta padrão é usada no lugar dela.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/app.py" line="38"/>
        <source>Some saved settings were invalid and were reset: {cause}</source>
        <translation>Algumas configurações salvas eram inválidas e foram redefinidas: {cause}</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/app.py" line="41"/>
        <source>Some saved settings were invalid and were reset.</source>
        <translation>Algumas configurações salvas eram inválidas e foram redefinidas.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/app.py" line="44"/>
        <source>The API server&apos;s address must be an IP address or a host name, such as 127.0.0.1.</source>
        <translation>O endereço do servidor de API deve ser um endereço IP ou um nome de host, como 127.0.0.1.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/app.py" line="48"/>
        <source>The API server&apos;s port must be between 1 and 65535.</source>
        <translation>A porta do servidor de API deve estar entre 1 e 65535.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/app.py" line="51"/>
        <source>The space for saved conversations must be between {low} and {high} MB.</source>
        <translation>O espaço para conversas guardadas deve ficar entre {low} e {high} MB.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/app.py" line="54"/>
        <source>Threads must be between 1 and 1024.</source>
        <translation>As threads devem ficar entre 1 e 1024.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/app.py" line="57"/>
        <source>The chat zoom must be between {low} and {high}.</source>
        <translation>O zoom da conversa deve estar entre {low} e {high}.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/chat.py" line="8"/>
        <source>Prosa could not open {path}: {cause}</source>
        <translation>O Prosa não conseguiu abrir {path}: {cause}</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/chat.py" line="11"/>
        <source>The model {name} crashed the engine last time, so it was not loaded automatically.</source>
        <translation>O modelo {name} derrubou o motor da última vez, então não foi carregado automaticamente.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/chat.py" line="15"/>
        <source>{count} older messages were left out to fit the context.</source>
        <translation>{count} mensagens mais antigas ficaram de fora para caber no contexto.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/chat.py" line="18"/>
        <source>The model could not be loaded: {cause}</source>
        <translation>O modelo não pôde ser carregado: {cause}</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/chat.py" line="21"/>
        <source>The model could not be loaded: {cause} Prosa goes back to {previous}.</source>
        <translation>O modelo não pôde ser carregado: {cause} O Prosa volta para {previous}.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/chat.py" line="24"/>
        <source>Load a model first.</source>
        <translation>Carregue um modelo primeiro.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/chat.py" line="27"/>
        <source>No model found. Choose “Open GGUF file…” in the model menu.</source>
        <translation>Nenhum modelo encontrado. Escolha “Abrir arquivo GGUF…” no menu de modelos.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/chat.py" line="30"/>
        <source>Pick a model first.</source>
        <translation>Escolha um modelo primeiro.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/chat.py" line="33"/>
        <source>This reply was made by {made_by}; the model loaded now is {loaded}, so the replay may differ.</source>
        <translation>Esta resposta foi feita por {made_by}; o modelo carregado agora é {loaded}, então a repetição pode ser diferente.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/chat.py" line="37"/>
        <source>This message does not fit: with the conversation it needs {tokens} tokens, but the model&apos;s context holds {n_ctx}, {room} of them kept for the reply. Shorten it, start a new chat, raise the context length, or let Prosa drop old messages (Engine tab).</source>
        <translation>Esta mensagem não cabe: com a conversa ela precisa de {tokens} tokens, mas o contexto do modelo comporta {n_ctx}, {room} deles reservados para a resposta. Encurte-a, comece uma nova conversa, aumente o tamanho do contexto ou deixe o Prosa descartar mensagens antigas (aba Motor).</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/conversation.py" line="8"/>
        <source>The sampling settings could not be saved: they must be plain numbers and text.</source>
        <translation>As configurações de amostragem não puderam ser salvas: devem ser apenas números e texto.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/conversation.py" line="12"/>
        <source>The thinking settings could not be saved: template options must be plain numbers, text and true or false.</source>
        <translation>Não foi possível salvar as configurações de raciocínio: as opções do modelo de chat devem ser números, texto e verdadeiro ou falso simples.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/conversation.py" line="16"/>
        <source>A token count must be a whole number of at least 0, not {value}.</source>
        <translation>Uma contagem de tokens deve ser um número inteiro a partir de 0, não {value}.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/conversation.py" line="19"/>
        <source>The recovered conversations could not be brought back: the history file {path} is gone.</source>
        <translation>As conversas recuperadas não puderam ser trazidas de volta: o arquivo de histórico {path} não existe mais.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/conversation.py" line="23"/>
        <source>Wait for the reply to finish, or stop it first.</source>
        <translation>Espere a resposta terminar ou interrompa-a primeiro.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/conversation.py" line="26"/>
        <source>Only replies have candidates.</source>
        <translation>Só respostas têm candidatas.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/conversation.py" line="29"/>
        <source>The conversation needs {tokens:,} tokens, but the model&apos;s context holds {n_ctx:,}, {room:,} of them kept for the reply. Start a new chat, raise the context length, or let Prosa drop old messages (Engine tab, “When the conversation is too long”).</source>
        <translation>A conversa precisa de {tokens} tokens, mas o contexto do modelo comporta {n_ctx}, {room} deles reservados para a resposta. Comece uma nova conversa, aumente o tamanho do contexto ou deixe o Prosa descartar mensagens antigas (aba Motor, “Quando a conversa fica longa demais”).</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/conversation.py" line="35"/>
        <source>The saved conversations ({path}) are damaged; restart Prosa to set the file aside and start a new one.</source>
        <translation>As conversas salvas ({path}) estão danificadas; reinicie o Prosa para pôr o arquivo de lado e começar um novo.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/conversation.py" line="39"/>
        <source>The disk holding {folder} is full, so the conversation could not be saved; free some space and try again.</source>
        <translation>O disco onde fica {folder} está cheio, por isso a conversa não pôde ser salva; libere algum espaço e tente de novo.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/conversation.py" line="43"/>
        <source>Only your own messages can be edited.</source>
        <translation>Só as suas próprias mensagens podem ser editadas.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/conversation.py" line="46"/>
        <source>Type a message first.</source>
        <translation>Digite uma mensagem primeiro.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/conversation.py" line="49"/>
        <source>That conversation no longer exists.</source>
        <translation>Essa conversa não existe mais.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/conversation.py" line="52"/>
        <source>Two messages share the id {id}.</source>
        <translation>Duas mensagens têm o mesmo id {id}.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/conversation.py" line="55"/>
        <source>Message {number} has no “{key}”.</source>
        <translation>A mensagem {number} não tem “{key}”.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/conversation.py" line="58"/>
        <source>Message {number}: “{key}” must be a finite number.</source>
        <translation>Mensagem {number}: “{key}” deve ser um número finito.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/conversation.py" line="61"/>
        <source>Message {number}: “{key}” must be a number.</source>
        <translation>Mensagem {number}: “{key}” deve ser um número.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/conversation.py" line="64"/>
        <source>Message {number}: “{key}” must be an object.</source>
        <translation>Mensagem {number}: “{key}” deve ser um objeto.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/conversation.py" line="67"/>
        <source>Message {number}: “{key}” must be text.</source>
        <translation>Mensagem {number}: “{key}” deve ser texto.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/conversation.py" line="70"/>
        <source>Message {number}: “{key}” must be a whole number.</source>
        <translation>Mensagem {number}: “{key}” deve ser um número inteiro.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/conversation.py" line="73"/>
        <source>Message {number}: “{key}” is too large a number.</source>
        <translation>Mensagem {number}: “{key}” é um número grande demais.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/conversation.py" line="76"/>
        <source>The messages&apos; parents form a loop, so this is not a conversation tree.</source>
        <translation>As mensagens de origem formam um ciclo, então isto não é uma árvore de conversa.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/conversation.py" line="79"/>
        <source>Message {number} must be an object.</source>
        <translation>A mensagem {number} deve ser um objeto.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/conversation.py" line="82"/>
        <source>“messages” must be a list of messages.</source>
        <translation>“messages” deve ser uma lista de mensagens.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/conversation.py" line="85"/>
        <source>Message {id} answers message {parent}, which is not in the file.</source>
        <translation>A mensagem {id} responde à mensagem {parent}, que não está no arquivo.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/conversation.py" line="88"/>
        <source>Message {number} has a negative token count.</source>
        <translation>A mensagem {number} tem uma contagem de tokens negativa.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/conversation.py" line="91"/>
        <source>This conversation was exported by a newer Prosa (format version {version}); update Prosa to import it.</source>
        <translation>Esta conversa foi exportada por um Prosa mais novo (versão de formato {version}); atualize o Prosa para importá-la.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/conversation.py" line="95"/>
        <source>There are no messages to import.</source>
        <translation>Não há mensagens para importar.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/conversation.py" line="98"/>
        <source>This Prosa conversation file has no “messages” list.</source>
        <translation>Este arquivo de conversa do Prosa não tem a lista “messages”.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/conversation.py" line="101"/>
        <source>This Prosa conversation file has no “conversation” settings.</source>
        <translation>Este arquivo de conversa do Prosa não tem as configurações “conversation”.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/conversation.py" line="104"/>
        <source>This Prosa conversation file has no valid “version”.</source>
        <translation>Este arquivo de conversa do Prosa não tem uma “version” válida.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/conversation.py" line="107"/>
        <source>A conversation to import must be a JSON object or a list of messages.</source>
        <translation>Uma conversa a importar deve ser um objeto JSON ou uma lista de mensagens.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/conversation.py" line="110"/>
        <source>Message {number} must be an object with “role” and “content”.</source>
        <translation>A mensagem {number} deve ser um objeto com “role” e “content”.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/conversation.py" line="113"/>
        <source>Message {number} contains a part that is not text; Prosa imports text only.</source>
        <translation>A mensagem {number} contém uma parte que não é texto; o Prosa importa apenas texto.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/conversation.py" line="117"/>
        <source>Nothing to import: expected a Prosa conversation export, a list of messages, or an object with “messages”.</source>
        <translation>Nada a importar: era esperada uma conversa exportada pelo Prosa, uma lista de mensagens ou um objeto com “messages”.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/conversation.py" line="121"/>
        <source>This file is not a Prosa conversation (its format is “{format}”).</source>
        <translation>Este arquivo não é uma conversa do Prosa (o formato dele é “{format}”).</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/conversation.py" line="124"/>
        <source>The conversation&apos;s “{key}” must be true or false.</source>
        <translation>“{key}” da conversa deve ser true ou false.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/conversation.py" line="127"/>
        <source>The conversation&apos;s “{key}” must be a finite number.</source>
        <translation>“{key}” da conversa deve ser um número finito.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/conversation.py" line="130"/>
        <source>The conversation&apos;s “{key}” must be a number.</source>
        <translation>“{key}” da conversa deve ser um número.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/conversation.py" line="133"/>
        <source>The conversation&apos;s “{key}” must be an object.</source>
        <translation>“{key}” da conversa deve ser um objeto.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/conversation.py" line="136"/>
        <source>The conversation&apos;s “{key}” must be text.</source>
        <translation>“{key}” da conversa deve ser texto.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/conversation.py" line="139"/>
        <source>The conversation&apos;s “{key}” is too large a number.</source>
        <translation>“{key}” da conversa é um número grande demais.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/conversation.py" line="142"/>
        <source>Unknown context policy “{policy}” in the conversation settings.</source>
        <translation>Política de contexto desconhecida “{policy}” nas configurações da conversa.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/conversation.py" line="145"/>
        <source>Message {number} has the role “{role}”; Prosa keeps only system, user, assistant and tool messages.</source>
        <translation>A mensagem {number} tem o papel “{role}”; o Prosa guarda apenas mensagens de sistema, do usuário, do assistente e de ferramentas.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/conversation.py" line="149"/>
        <source>Message {number} has the status “{status}”; expected one of {allowed}.</source>
        <translation>A mensagem {number} tem o estado “{status}”; era esperado um destes: {allowed}.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/conversation.py" line="152"/>
        <source>Prosa could not read or write its saved conversations at {path}.</source>
        <translation>O Prosa não conseguiu ler nem gravar as conversas salvas em {path}.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/conversation.py" line="155"/>
        <source>The saved conversations ({path}) are locked by another program, perhaps a second Prosa; close it and try again.</source>
        <translation>As conversas salvas ({path}) estão bloqueadas por outro programa, talvez um segundo Prosa; feche-o e tente de novo.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/conversation.py" line="159"/>
        <source>That message no longer exists.</source>
        <translation>Essa mensagem não existe mais.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/conversation.py" line="162"/>
        <source>That message is too long ({length:,} characters; the limit is {limit:,}).</source>
        <translation>Essa mensagem é longa demais ({length} caracteres; o limite é {limit}).</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/conversation.py" line="166"/>
        <source>The saved conversations ({path}) were written by a newer version of Prosa; update Prosa to open them.</source>
        <translation>As conversas salvas ({path}) foram gravadas por uma versão mais nova do Prosa; atualize o Prosa para abri-las.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/conversation.py" line="170"/>
        <source>Prosa cannot write its saved conversations at {path}; check that the folder exists and that you may write to it.</source>
        <translation>O Prosa não consegue gravar as conversas salvas em {path}; verifique se a pasta existe e se você tem permissão para gravar nela.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/conversation.py" line="174"/>
        <source>The message this one answers no longer exists in this conversation.</source>
        <translation>A mensagem que esta responde não existe mais nesta conversa.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/conversation.py" line="177"/>
        <source>Prosa could not read the damaged history file {path}, so nothing could be recovered from it.</source>
        <translation>O Prosa não conseguiu ler o arquivo de histórico danificado {path}, então nada pôde ser recuperado dele.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/conversation.py" line="181"/>
        <source>Only replies can be regenerated.</source>
        <translation>Só respostas podem ser geradas de novo.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/conversation.py" line="184"/>
        <source>The saved conversations could not be read (the file is damaged), so a new, empty history was started; the old file was kept as {kept}.</source>
        <translation>As conversas salvas não puderam ser lidas (o arquivo está danificado), por isso um histórico novo e vazio foi iniciado; o arquivo antigo foi guardado como {kept}.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/conversation.py" line="188"/>
        <source>The saved conversations could not be read (the file is not an SQLite database), so a new, empty history was started; the old file was kept as {kept}.</source>
        <translation>As conversas salvas não puderam ser lidas (o arquivo não é um banco de dados SQLite), por isso um histórico novo e vazio foi iniciado; o arquivo antigo foi guardado como {kept}.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/conversation.py" line="193"/>
        <source>Even with older messages left out, the conversation needs {tokens:,} tokens and the context holds {budget:,}: the system prompt, the first exchange and the last message alone are too long. Shorten the message, choose another policy, or raise the context length.</source>
        <translation>Mesmo deixando de fora as mensagens mais antigas, a conversa precisa de {tokens} tokens e o contexto comporta {budget}: só o prompt de sistema, a primeira troca e a última mensagem já são longos demais. Encurte a mensagem, escolha outra política ou aumente o tamanho do contexto.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/conversation.py" line="199"/>
        <source>Even with older messages left out, the conversation needs {tokens:,} tokens and the context holds {budget:,}: the system prompt and the last message alone are too long. Shorten the message, choose another policy, or raise the context length.</source>
        <translation>Mesmo deixando de fora as mensagens mais antigas, a conversa precisa de {tokens} tokens e o contexto comporta {budget}: só o prompt de sistema e a última mensagem já são longos demais. Encurte a mensagem, escolha outra política ou aumente o tamanho do contexto.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/conversation.py" line="205"/>
        <source>A saved conversation has the context policy “{value}”, which Prosa does not know; another program may have changed the saved conversations.</source>
        <translation>Uma conversa salva tem a política de contexto “{value}”, que o Prosa não conhece; outro programa pode ter alterado as conversas salvas.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/conversation.py" line="210"/>
        <source>A saved message has the role “{value}”, which Prosa does not know; another program may have changed the saved conversations.</source>
        <translation>Uma mensagem salva tem o papel “{value}”, que o Prosa não conhece; outro programa pode ter alterado as conversas salvas.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/conversation.py" line="214"/>
        <source>A saved message has the status “{value}”, which Prosa does not know; another program may have changed the saved conversations.</source>
        <translation>Uma mensagem salva tem o estado “{value}”, que o Prosa não conhece; outro programa pode ter alterado as conversas salvas.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/conversation.py" line="218"/>
        <source>That title is too long ({length} characters; the limit is {limit}).</source>
        <translation>Esse título é longo demais ({length} caracteres; o limite é {limit}).</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/conversation.py" line="221"/>
        <source>That token is no longer known (probabilities are kept for replies made since the app started).</source>
        <translation>Esse token não é mais conhecido (as probabilidades são guardadas para respostas feitas desde que o app foi aberto).</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/conversation.py" line="225"/>
        <source>Too many damaged copies next to {path}.</source>
        <translation>Há cópias danificadas demais ao lado de {path}.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/conversation.py" line="228"/>
        <source>The message of that tool call no longer exists.</source>
        <translation>A mensagem dessa chamada de ferramenta não existe mais.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/conversation.py" line="231"/>
        <source>Unknown context policy “{value}”; expected one of {allowed}.</source>
        <translation>Política de contexto desconhecida “{value}”; era esperada uma destas: {allowed}.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/conversation.py" line="234"/>
        <source>Unknown message role “{value}”; expected one of {allowed}.</source>
        <translation>Papel de mensagem desconhecido “{value}”; era esperado um destes: {allowed}.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/conversation.py" line="237"/>
        <source>Unknown message status “{value}”; expected one of {allowed}.</source>
        <translation>Estado de mensagem desconhecido “{value}”; era esperado um destes: {allowed}.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/conversation.py" line="240"/>
        <source>Could not write {file}: {reason}</source>
        <translation>Não foi possível gravar {file}: {reason}</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/conversation.py" line="243"/>
        <source>{file} is not a JSON file Prosa can read.</source>
        <translation>{file} não é um arquivo JSON que o Prosa consiga ler.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/conversation.py" line="246"/>
        <source>Could not read {file}: {reason}</source>
        <translation>Não foi possível ler {file}: {reason}</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/engine.py" line="8"/>
        <source>The engine sent a message that could not be read.</source>
        <translation>O motor enviou uma mensagem que não pôde ser lida.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/engine.py" line="11"/>
        <source>Too many sequences for one batch.</source>
        <translation>Sequências demais para um lote.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/engine.py" line="14"/>
        <source>Replies of models of the {family} family cannot follow a schema or grammar yet.</source>
        <translation>As respostas de modelos da família {family} ainda não podem seguir um esquema ou gramática.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/engine.py" line="18"/>
        <source>Beam search cannot follow a schema, a grammar or a required tool call; choose greedy decoding or sampling.</source>
        <translation>A busca em feixe não pode seguir um esquema, uma gramática ou uma chamada de ferramenta obrigatória; escolha decodificação gulosa ou amostragem.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/engine.py" line="22"/>
        <source>A reply cannot both follow a schema or grammar and be a required tool call.</source>
        <translation>Uma resposta não pode ao mesmo tempo seguir um esquema ou gramática e ser uma chamada de ferramenta obrigatória.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/engine.py" line="26"/>
        <source>The model&apos;s context has no room left for the reply.</source>
        <translation>O contexto do modelo não tem mais espaço para a resposta.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/engine.py" line="29"/>
        <source>The conversation does not fit in the model&apos;s context.</source>
        <translation>A conversa não cabe no contexto do modelo.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/engine.py" line="32"/>
        <source>The reply reached the end of the model&apos;s context.</source>
        <translation>A resposta chegou ao fim do contexto do modelo.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/engine.py" line="35"/>
        <source>The engine cannot count the prompt&apos;s tokens now: it is loading, busy, or (a server) counts none before a reply.</source>
        <translation>O motor não consegue contar os tokens do prompt agora: está carregando, ocupado ou (um servidor) não conta nenhum antes de uma resposta.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/engine.py" line="39"/>
        <source>llama.cpp could not evaluate the tokens (code {status}).</source>
        <translation>O llama.cpp não conseguiu avaliar os tokens (código {status}).</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/engine.py" line="42"/>
        <source>The native inference code aborted ({signal}). Your conversation is safe; the next message starts a fresh engine.</source>
        <translation>O código nativo de inferência abortou ({signal}). Sua conversa está salva; a próxima mensagem inicia um motor novo.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/engine.py" line="46"/>
        <source>The engine process crashed ({signal}) in the native inference code. Your conversation is safe; the next message starts a fresh engine.</source>
        <translation>O processo do motor travou ({signal}) no código nativo de inferência. Sua conversa está salva; a próxima mensagem inicia um motor novo.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/engine.py" line="50"/>
        <source>The engine process stopped ({signal}): the model file could not be read from disk. Your conversation is safe; the next message starts a fresh engine.</source>
        <translation>O processo do motor parou ({signal}): o arquivo do modelo não pôde ser lido do disco. Sua conversa está salva; a próxima mensagem inicia um motor novo.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/engine.py" line="55"/>
        <source>The engine process exited with status {status}. Your conversation is safe; the next message starts a fresh engine.</source>
        <translation>O processo do motor terminou com o status {status}. Sua conversa está salva; a próxima mensagem inicia um motor novo.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/engine.py" line="59"/>
        <source>The engine process was killed ({signal}), often by the system when memory runs out. Your conversation is safe; the next message starts a fresh engine.</source>
        <translation>O processo do motor foi encerrado à força ({signal}), muitas vezes pelo sistema quando a memória acaba. Sua conversa está salva; a próxima mensagem inicia um motor novo.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/engine.py" line="64"/>
        <source>The engine process was stopped by {signal}. Your conversation is safe; the next message starts a fresh engine.</source>
        <translation>O processo do motor foi parado por {signal}. Sua conversa está salva; a próxima mensagem inicia um motor novo.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/engine.py" line="68"/>
        <source>The engine process stopped responding. Your conversation is safe; the next message starts a fresh engine.</source>
        <translation>O processo do motor parou de responder. Sua conversa está salva; a próxima mensagem inicia um motor novo.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/engine.py" line="72"/>
        <source>The engine failed: {error}</source>
        <translation>O motor falhou: {error}</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/engine.py" line="75"/>
        <source>The grammar is not valid: {reason}</source>
        <translation>A gramática não é válida: {reason}</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/engine.py" line="78"/>
        <source>The reply cannot go on with this token and still follow its grammar or schema.</source>
        <translation>A resposta não pode continuar com este token e ainda seguir a sua gramática ou esquema.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/engine.py" line="82"/>
        <source>The grammar allows no token at this point of the reply, not even its end; check the grammar&apos;s rules.</source>
        <translation>A gramática não permite nenhum token neste ponto da resposta, nem mesmo o seu fim; verifique as regras da gramática.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/engine.py" line="90"/>
        <source>llama.cpp has no logits for output {index}.</source>
        <translation>O llama.cpp não tem logits para a saída {index}.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/engine.py" line="93"/>
        <source>No model is loaded. Pick a model first.</source>
        <translation>Nenhum modelo carregado. Escolha um modelo primeiro.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/engine.py" line="96"/>
        <source>The reply ended without a result.</source>
        <translation>A resposta terminou sem resultado.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/engine.py" line="99"/>
        <source>A tool call was required, but no tool was offered.</source>
        <translation>Uma chamada de ferramenta foi exigida, mas nenhuma ferramenta foi oferecida.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/engine.py" line="102"/>
        <source>The JSON schema uses {feature}, which Prosa cannot enforce while the model writes.</source>
        <translation>O esquema JSON usa {feature}, que o Prosa não consegue impor enquanto o modelo escreve.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/engine.py" line="106"/>
        <source>Replies come from a test script, not from a model.</source>
        <translation>As respostas vêm de um roteiro de teste, não de um modelo.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/engine.py" line="109"/>
        <source>The engine did not stop within {seconds} s (a runaway chat template or a stuck model), so it was restarted. Your conversation is safe; the next message starts a fresh engine.</source>
        <translation>O motor não parou em {seconds} s (um template de chat descontrolado ou um modelo travado), então foi reiniciado. Sua conversa está salva; a próxima mensagem inicia um motor novo.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/engine.py" line="114"/>
        <source>The engine did not answer within {seconds} s.</source>
        <translation>O motor não respondeu em {seconds} s.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/engine.py" line="117"/>
        <source>This model was loaded for at most {most} beams; beam width {width} needs more.</source>
        <translation>Este modelo foi carregado para no máximo {most} feixes; a largura de feixe {width} precisa de mais.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/engine.py" line="121"/>
        <source>The model wrote a tool call although tools were not to be called in this reply; it was not run, and its text is kept.</source>
        <translation>O modelo escreveu uma chamada de ferramenta embora as ferramentas não devessem ser chamadas nesta resposta; ela não foi executada, e o seu texto foi mantido.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/engine.py" line="125"/>
        <source>Prosa cannot require a tool call from models of the {family} family; choose Auto, or a model that writes calls as Hermes, Llama 3 or Mistral models do.</source>
        <translation>O Prosa não consegue exigir uma chamada de ferramenta de modelos da família {family}; escolha Automático, ou um modelo que escreva chamadas como os modelos Hermes, Llama 3 ou Mistral.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/engine.py" line="130"/>
        <source>This model&apos;s chat template does not show tools to the model. Choose a template with tools (such as the built-in ChatML with tools) to let it call them.</source>
        <translation>O template de chat deste modelo não mostra ferramentas ao modelo. Escolha um template com ferramentas (como o ChatML com ferramentas incluído) para que ele possa chamá-las.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/engine.py" line="135"/>
        <source>The reply to continue holds a token the model does not have.</source>
        <translation>A resposta a continuar tem um token que o modelo não tem.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/engine.py" line="138"/>
        <source>No tool named {name} was offered.</source>
        <translation>Nenhuma ferramenta chamada {name} foi oferecida.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/engine.py" line="141"/>
        <source>The engine process is not reachable.</source>
        <translation>O processo do motor não está acessível.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/hub.py" line="8"/>
        <source>“{file}” is not a valid file name in a Hub repository.</source>
        <translation>“{file}” não é um nome de arquivo válido em um repositório do Hub.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/hub.py" line="11"/>
        <source>No file to download was given.</source>
        <translation>Nenhum arquivo para baixar foi indicado.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/hub.py" line="14"/>
        <source>{file} keeps changing on the Hub; try again later.</source>
        <translation>{file} continua mudando no Hub; tente de novo mais tarde.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/hub.py" line="17"/>
        <source>{file} changed on the Hub since this download began. Starting it again from the beginning.</source>
        <translation>{file} mudou no Hub desde que este download começou. Começando de novo do início.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/hub.py" line="21"/>
        <source>The downloaded file is damaged (its git hash does not match the Hub&apos;s), so it was deleted. Press Retry to download {file} again.</source>
        <translation>O arquivo baixado está danificado (o hash git dele não confere com o do Hub), então foi apagado. Clique em Tentar de novo para baixar {file} outra vez.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/hub.py" line="25"/>
        <source>The downloaded file is damaged (its SHA-256 does not match the Hub&apos;s), so it was deleted. Press Retry to download {file} again.</source>
        <translation>O arquivo baixado está danificado (o SHA-256 dele não confere com o do Hub), então foi apagado. Clique em Tentar de novo para baixar {file} outra vez.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/hub.py" line="29"/>
        <source>The downloaded file is damaged (its size does not match the Hub&apos;s), so it was deleted. Press Retry to download {file} again.</source>
        <translation>O arquivo baixado está danificado (o tamanho dele não confere com o do Hub), então foi apagado. Clique em Tentar de novo para baixar {file} outra vez.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/hub.py" line="33"/>
        <source>The server sent more data than {file} has; press Retry.</source>
        <translation>O servidor enviou mais dados do que {file} tem; clique em Tentar de novo.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/hub.py" line="36"/>
        <source>The disk filled up while downloading {file} to {folder}. The {kept} downloaded so far are kept; free some space and press Resume.</source>
        <translation>O disco encheu durante o download de {file} para {folder}. Os {kept} baixados até agora foram mantidos; libere espaço e clique em Continuar.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/hub.py" line="40"/>
        <source>{file} is already being downloaded in another job.</source>
        <translation>{file} já está sendo baixado em outro download.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/hub.py" line="43"/>
        <source>The server would not send {file} (HTTP 416, range not satisfiable), not even from the beginning; try again later.</source>
        <translation>O servidor não quis enviar {file} (HTTP 416, intervalo não atendível), nem mesmo desde o início; tente de novo mais tarde.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/hub.py" line="47"/>
        <source>The server sent the wrong part of {file}; try again later.</source>
        <translation>O servidor enviou a parte errada de {file}; tente de novo mais tarde.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/hub.py" line="50"/>
        <source>The download stopped because of an unexpected problem; press Retry to continue from where it stopped.</source>
        <translation>O download parou por causa de um problema inesperado; clique em Tentar de novo para continuar de onde parou.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/hub.py" line="54"/>
        <source>Could not put {file} in place ({error}). If the model is loaded, unload it, then press Retry.</source>
        <translation>Não foi possível colocar {file} no lugar ({error}). Se o modelo estiver carregado, descarregue-o e clique em Tentar de novo.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/hub.py" line="58"/>
        <source>Could not write {path}: {error}.</source>
        <translation>Não foi possível gravar {path}: {error}.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/hub.py" line="61"/>
        <source>The connection kept closing before {file} was complete. Press Retry to continue from where it stopped.</source>
        <translation>A conexão continuou se fechando antes de {file} terminar. Clique em Tentar de novo para continuar de onde parou.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/hub.py" line="65"/>
        <source>Not enough disk space: needs {needed}, {free} free on {folder}.</source>
        <translation>Espaço em disco insuficiente: são necessários {needed}, há {free} livres em {folder}.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/hub.py" line="68"/>
        <source>The download of {file} did not finish.</source>
        <translation>O download de {file} não terminou.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/hub.py" line="71"/>
        <source>Your access token was not accepted by the Hub: check or replace it in Settings.</source>
        <translation>O Hub não aceitou o seu token de acesso: verifique-o ou troque-o nas Configurações.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/hub.py" line="75"/>
        <source>The Hub refused access to this repository: check that your access token can read it.</source>
        <translation>O Hub recusou o acesso a este repositório: verifique se o seu token de acesso pode lê-lo.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/hub.py" line="79"/>
        <source>{repo} is private or needs an access token: add a token in Settings (or check the name: without a token the Hub does not say whether a repository exists).</source>
        <translation>{repo} é privado ou precisa de um token de acesso: adicione um token nas Configurações (ou confira o nome: sem token, o Hub não diz se um repositório existe).</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/hub.py" line="84"/>
        <source>“{repo}” is not a valid model name: names look like owner/model-name.</source>
        <translation>“{repo}” não é um nome de modelo válido: os nomes têm a forma dono/nome-do-modelo.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/hub.py" line="87"/>
        <source>{repo} is a gated model: open {page}, accept its licence, then add an access token from that account in Settings and try again.</source>
        <translation>{repo} é um modelo de acesso restrito: abra {page}, aceite a licença dele, depois adicione nas Configurações um token de acesso dessa conta e tente de novo.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/hub.py" line="91"/>
        <source>{repo} is a gated model: open {page} and accept its licence with the account your token belongs to, then try again (approval can take a while).</source>
        <translation>{repo} é um modelo de acesso restrito: abra {page} e aceite a licença dele com a conta a que o seu token pertence, depois tente de novo (a aprovação pode demorar).</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/hub.py" line="96"/>
        <source>The Hub refused the request (HTTP {status}).</source>
        <translation>O Hub recusou o pedido (HTTP {status}).</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/hub.py" line="99"/>
        <source>Cannot reach {endpoint}: the connection was cut off.</source>
        <translation>Não foi possível acessar {endpoint}: a conexão foi interrompida.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/hub.py" line="102"/>
        <source>Cannot reach {endpoint}: its name could not be resolved (are you connected to the internet?).</source>
        <translation>Não foi possível acessar {endpoint}: o nome dele não pôde ser resolvido (você está conectado à internet?).</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/hub.py" line="106"/>
        <source>Cannot reach {endpoint}: {error}.</source>
        <translation>Não foi possível acessar {endpoint}: {error}.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/hub.py" line="109"/>
        <source>Cannot reach {endpoint}: the connection was refused.</source>
        <translation>Não foi possível acessar {endpoint}: a conexão foi recusada.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/hub.py" line="112"/>
        <source>Cannot reach {endpoint}: the connection timed out.</source>
        <translation>Não foi possível acessar {endpoint}: o tempo da conexão se esgotou.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/hub.py" line="115"/>
        <source>Cannot reach {endpoint}: a secure (TLS) connection could not be set up.</source>
        <translation>Não foi possível acessar {endpoint}: não foi possível estabelecer uma conexão segura (TLS).</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/hub.py" line="119"/>
        <source>{repo} has no file named {file} (revision {revision}).</source>
        <translation>{repo} não tem nenhum arquivo chamado {file} (revisão {revision}).</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/hub.py" line="122"/>
        <source>No such model or file on the Hub (check the name).</source>
        <translation>Esse modelo ou arquivo não existe no Hub (confira o nome).</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/hub.py" line="125"/>
        <source>No such model on the Hub: {repo} (check the name).</source>
        <translation>Esse modelo não existe no Hub: {repo} (confira o nome).</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/hub.py" line="128"/>
        <source>{repo} has no branch, tag or commit named “{revision}”.</source>
        <translation>{repo} não tem nenhum branch, tag ou commit chamado “{revision}”.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/hub.py" line="131"/>
        <source>Offline mode is on for Hugging Face tools (the HF_HUB_OFFLINE environment variable is set): unset it and restart Prosa to reach the Hub.</source>
        <translation>O modo offline está ativado para as ferramentas do Hugging Face (a variável de ambiente HF_HUB_OFFLINE está definida): remova-a e reinicie o Prosa para acessar o Hub.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/hub.py" line="136"/>
        <source>Offline mode is on: Prosa makes no network requests. Turn it off in Settings to search the Hub and download models.</source>
        <translation>O modo offline está ativado: o Prosa não faz nenhum acesso à rede. Desative-o nas Configurações para buscar no Hub e baixar modelos.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/hub.py" line="140"/>
        <source>The Hub is limiting how many requests Prosa may make (HTTP 429); try again in a minute.</source>
        <translation>O Hub está limitando quantos pedidos o Prosa pode fazer (HTTP 429); tente de novo daqui a um minuto.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/hub.py" line="144"/>
        <source>The Hub had a problem on its side (HTTP {status}); try again later.</source>
        <translation>O Hub teve um problema do lado dele (HTTP {status}); tente de novo mais tarde.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/hub.py" line="147"/>
        <source>The Hub gave inconsistent information about {file}; try again later.</source>
        <translation>O Hub deu informações contraditórias sobre {file}; tente de novo mais tarde.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/hub.py" line="150"/>
        <source>The Hub sent an answer Prosa could not read; try again later.</source>
        <translation>O Hub enviou uma resposta que o Prosa não conseguiu ler; tente de novo mais tarde.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/hub.py" line="153"/>
        <source>Talking to the Hub failed unexpectedly ({error}).</source>
        <translation>A comunicação com o Hub falhou de forma inesperada ({error}).</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/models.py" line="8"/>
        <source>Needs about {needed} and {available} of graphics memory (VRAM) is free, so it fits comfortably.</source>
        <translation>Precisa de cerca de {needed} e há {available} de memória gráfica (VRAM) livres, então cabe com folga.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/models.py" line="12"/>
        <source>Needs about {needed} and {available} of memory (RAM) is free, so it fits comfortably.</source>
        <translation>Precisa de cerca de {needed} e há {available} de memória (RAM) livres, então cabe com folga.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/models.py" line="16"/>
        <source>Needs about {needed} of the {available} of graphics memory (VRAM) that is free: it should run, but close other programs or pick a smaller file.</source>
        <translation>Precisa de cerca de {needed} dos {available} de memória gráfica (VRAM) livres: deve rodar, mas feche outros programas ou escolha um arquivo menor.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/models.py" line="21"/>
        <source>Needs about {needed} of the {available} of memory (RAM) that is free: it should run, but close other programs or pick a smaller file.</source>
        <translation>Precisa de cerca de {needed} dos {available} de memória (RAM) livres: deve rodar, mas feche outros programas ou escolha um arquivo menor.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/models.py" line="25"/>
        <source>Needs about {needed} but only {available} of graphics memory (VRAM) is free: pick a smaller file or a shorter context.</source>
        <translation>Precisa de cerca de {needed}, mas só há {available} de memória gráfica (VRAM) livres: escolha um arquivo menor ou um contexto mais curto.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/models.py" line="29"/>
        <source>Needs about {needed} but only {available} of memory (RAM) is free: pick a smaller file or a shorter context.</source>
        <translation>Precisa de cerca de {needed}, mas só há {available} de memória (RAM) livres: escolha um arquivo menor ou um contexto mais curto.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/models.py" line="33"/>
        <source>This GGUF file is corrupt or truncated: array {key} claims {count} elements, more than the remaining {remaining} bytes can hold.</source>
        <translation>Este arquivo GGUF está corrompido ou incompleto: o array {key} declara {count} elementos, mais do que os {remaining} bytes restantes comportam.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/models.py" line="37"/>
        <source>This GGUF file is corrupt or unsupported: metadata {key} nests arrays more than {most} levels deep.</source>
        <translation>Este arquivo GGUF está corrompido ou não é suportado: o metadado {key} aninha arrays em mais de {most} níveis.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/models.py" line="41"/>
        <source>This GGUF file is corrupt: its general.alignment {alignment} is not a power of two.</source>
        <translation>Este arquivo GGUF está corrompido: seu general.alignment {alignment} não é uma potência de dois.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/models.py" line="45"/>
        <source>This GGUF file is corrupt: tensor {name} of type {type} has rows of {row} elements, not a multiple of its block size {block}.</source>
        <translation>Este arquivo GGUF está corrompido: o tensor {name} do tipo {type} tem linhas de {row} elementos, que não são múltiplo do seu tamanho de bloco {block}.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/models.py" line="49"/>
        <source>This GGUF file is big-endian, which Prosa does not support; download the little-endian version of the model.</source>
        <translation>Este arquivo GGUF é big-endian, o que o Prosa não suporta; baixe a versão little-endian do modelo.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/models.py" line="53"/>
        <source>This file is empty, so it is not a GGUF model.</source>
        <translation>Este arquivo está vazio, então não é um modelo GGUF.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/models.py" line="56"/>
        <source>This GGUF file is corrupt: metadata key {index} is empty.</source>
        <translation>Este arquivo GGUF está corrompido: a chave de metadados {index} está vazia.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/models.py" line="59"/>
        <source>This GGUF file&apos;s header is larger than {limit}, which Prosa does not support (the file is probably corrupt).</source>
        <translation>O cabeçalho deste arquivo GGUF é maior que {limit}, o que o Prosa não suporta (o arquivo provavelmente está corrompido).</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/models.py" line="63"/>
        <source>This GGUF file is corrupt: tensor {name} has an impossible shape {shape}.</source>
        <translation>Este arquivo GGUF está corrompido: o tensor {name} tem uma forma impossível {shape}.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/models.py" line="67"/>
        <source>This GGUF file is corrupt: metadata key {index} at byte {pos} is not valid UTF-8.</source>
        <translation>Este arquivo GGUF está corrompido: a chave de metadados {index} no byte {pos} não é UTF-8 válido.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/models.py" line="71"/>
        <source>This GGUF file is corrupt: tensor {name} starts at offset {offset}, which is not a multiple of the alignment {alignment}.</source>
        <translation>Este arquivo GGUF está corrompido: o tensor {name} começa no deslocamento {offset}, que não é múltiplo do alinhamento {alignment}.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/models.py" line="75"/>
        <source>This GGUF file does not say which model architecture it is (general.architecture is missing).</source>
        <translation>Este arquivo GGUF não diz qual é a arquitetura do modelo (falta general.architecture).</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/models.py" line="79"/>
        <source>This file is not a GGUF model (it does not start with &apos;GGUF&apos;).</source>
        <translation>Este arquivo não é um modelo GGUF (ele não começa com &apos;GGUF&apos;).</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/models.py" line="82"/>
        <source>There was not enough memory to read this model file&apos;s header.</source>
        <translation>Não havia memória suficiente para ler o cabeçalho deste arquivo de modelo.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/models.py" line="85"/>
        <source>This GGUF file is corrupt: the metadata key {key} repeats.</source>
        <translation>Este arquivo GGUF está corrompido: a chave de metadados {key} se repete.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/models.py" line="88"/>
        <source>This GGUF file is corrupt: the tensor name {name} repeats.</source>
        <translation>Este arquivo GGUF está corrompido: o nome de tensor {name} se repete.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/models.py" line="91"/>
        <source>This GGUF file is truncated: it ended at byte {pos}, in the middle of its header.</source>
        <translation>Este arquivo GGUF está incompleto: ele terminou no byte {pos}, no meio do cabeçalho.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/models.py" line="95"/>
        <source>This GGUF file is corrupt: the name of tensor {index} at byte {pos} is not valid UTF-8.</source>
        <translation>Este arquivo GGUF está corrompido: o nome do tensor {index} no byte {pos} não é UTF-8 válido.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/models.py" line="99"/>
        <source>This GGUF file is corrupt or unsupported: a text at byte {pos} is {length} bytes long, more than the {limit} limit.</source>
        <translation>Este arquivo GGUF está corrompido ou não é suportado: um texto no byte {pos} tem {length} bytes, mais que o limite de {limit}.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/models.py" line="103"/>
        <source>This GGUF file is corrupt: tensor {name} has {dims} dimensions (at most {most} are allowed).</source>
        <translation>Este arquivo GGUF está corrompido: o tensor {name} tem {dims} dimensões (no máximo {most} são permitidas).</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/models.py" line="107"/>
        <source>This GGUF file is corrupt or unsupported: its metadata arrays hold more than {most} texts and sub-arrays in total.</source>
        <translation>Este arquivo GGUF está corrompido ou não é suportado: seus arrays de metadados têm mais de {most} textos e sub-arrays no total.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/models.py" line="111"/>
        <source>This GGUF file is corrupt or truncated: it claims {count} metadata entries, more than its remaining {remaining} bytes can hold.</source>
        <translation>Este arquivo GGUF está corrompido ou incompleto: ele declara {count} entradas de metadados, mais do que seus {remaining} bytes restantes comportam.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/models.py" line="115"/>
        <source>This GGUF file is corrupt or truncated: it claims {count} tensors, more than its remaining {remaining} bytes can hold.</source>
        <translation>Este arquivo GGUF está corrompido ou incompleto: ele declara {count} tensores, mais do que seus {remaining} bytes restantes comportam.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/models.py" line="119"/>
        <source>This GGUF file is truncated: tensor data ends at byte {end} but the file has only {size} bytes.</source>
        <translation>Este arquivo GGUF está incompleto: os dados dos tensores terminam no byte {end}, mas o arquivo tem só {size} bytes.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/models.py" line="123"/>
        <source>This GGUF file is truncated or corrupt: at byte {pos} its header needs {needed} bytes but only {remaining} remain.</source>
        <translation>Este arquivo GGUF está incompleto ou corrompido: no byte {pos} seu cabeçalho precisa de {needed} bytes, mas só restam {remaining}.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/models.py" line="127"/>
        <source>Prosa could not read this model file because of an unexpected problem.</source>
        <translation>O Prosa não conseguiu ler este arquivo de modelo por causa de um problema inesperado.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/models.py" line="130"/>
        <source>This GGUF file uses tensor type {type_id} for {name}, which Prosa does not know (the file is corrupt or needs a newer Prosa).</source>
        <translation>Este arquivo GGUF usa o tipo de tensor {type_id} para {name}, que o Prosa não conhece (o arquivo está corrompido ou precisa de um Prosa mais novo).</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/models.py" line="134"/>
        <source>This GGUF file is corrupt or too new: metadata {key} has unknown value type {value_type}.</source>
        <translation>Este arquivo GGUF está corrompido ou é novo demais: o metadado {key} tem o tipo de valor desconhecido {value_type}.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/models.py" line="138"/>
        <source>This GGUF file has format version {version}, but Prosa reads only versions {oldest} to {newest}.</source>
        <translation>Este arquivo GGUF tem a versão de formato {version}, mas o Prosa só lê as versões {oldest} a {newest}.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/models.py" line="142"/>
        <source>This model uses GGUF version 1, which is no longer supported; download a newer conversion of it.</source>
        <translation>Este modelo usa a versão 1 do GGUF, que não é mais suportada; baixe uma conversão mais nova dele.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/models.py" line="146"/>
        <source>Could not prepare the bundled model {name}: {reason}.</source>
        <translation>Não foi possível preparar o modelo incluído {name}: {reason}.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/models.py" line="149"/>
        <source>The list of added models was damaged; it was kept as {kept_as}.</source>
        <translation>A lista de modelos adicionados estava danificada; ela foi guardada como {kept_as}.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/models.py" line="152"/>
        <source>The file is no longer there.</source>
        <translation>O arquivo não está mais lá.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/models.py" line="155"/>
        <source>{path} does not exist.</source>
        <translation>{path} não existe.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/models.py" line="158"/>
        <source>{name} is not a .gguf model file or a folder.</source>
        <translation>{name} não é um arquivo de modelo .gguf nem uma pasta.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/models.py" line="161"/>
        <source>Prepared on first use (joined from its package&apos;s parts).</source>
        <translation>Preparado no primeiro uso (montado a partir das partes do seu pacote).</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/models.py" line="164"/>
        <source>Only models Prosa downloaded can be deleted here; files you added are used in place and stay where they are.</source>
        <translation>Só os modelos que o Prosa baixou podem ser apagados aqui; os arquivos que você adicionou são usados onde estão e ficam onde estão.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/models.py" line="168"/>
        <source>{path} is outside Prosa&apos;s model folder; not deleted.</source>
        <translation>{path} está fora da pasta de modelos do Prosa; não foi apagado.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/models.py" line="171"/>
        <source>Split model incomplete: {part} is missing.</source>
        <translation>Modelo dividido incompleto: falta {part}.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/models.py" line="174"/>
        <source>Cannot read the file: {reason}.</source>
        <translation>Não foi possível ler o arquivo: {reason}.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/models.py" line="177"/>
        <source>{path} is a folder, not a model file.</source>
        <translation>{path} é uma pasta, não um arquivo de modelo.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/models.py" line="180"/>
        <source>llama.cpp could not load {file}: {reason}</source>
        <translation>O llama.cpp não conseguiu carregar {file}: {reason}</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/models.py" line="183"/>
        <source>The model file {path} does not exist.</source>
        <translation>O arquivo de modelo {path} não existe.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/models.py" line="186"/>
        <source>{path} is not a regular file, so it cannot be a model file.</source>
        <translation>{path} não é um arquivo comum, então não pode ser um arquivo de modelo.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/models.py" line="189"/>
        <source>Prosa is not allowed to read {path}; check the file&apos;s permissions.</source>
        <translation>O Prosa não tem permissão para ler {path}; verifique as permissões do arquivo.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/models.py" line="192"/>
        <source>The model file {path} could not be read ({reason}).</source>
        <translation>Não foi possível ler o arquivo de modelo {path} ({reason}).</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/sampling.py" line="8"/>
        <source>“{name}” is built in and cannot be deleted; save your changes under another name.</source>
        <translation>“{name}” é embutido e não pode ser apagado; salve suas mudanças com outro nome.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/sampling.py" line="12"/>
        <source>“{name}” is built in and cannot be renamed; save your changes under another name.</source>
        <translation>“{name}” é embutido e não pode ser renomeado; salve suas mudanças com outro nome.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/sampling.py" line="16"/>
        <source>“{name}” is built in and cannot be replaced; save your changes under another name.</source>
        <translation>“{name}” é embutido e não pode ser substituído; salve suas mudanças com outro nome.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/sampling.py" line="20"/>
        <source>The saved sampling presets were damaged; kept as {kept_as}.</source>
        <translation>As predefinições de amostragem salvas estavam danificadas; foram guardadas como {kept_as}.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/sampling.py" line="23"/>
        <source>A preset named “{name}” already exists.</source>
        <translation>Já existe uma predefinição chamada “{name}”.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/sampling.py" line="26"/>
        <source>{file} has no preset name or settings.</source>
        <translation>{file} não tem nome de predefinição nem configurações.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/sampling.py" line="29"/>
        <source>There is no saved preset named “{name}”.</source>
        <translation>Não há nenhuma predefinição salva chamada “{name}”.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/sampling.py" line="32"/>
        <source>A preset name can have at most {most} characters.</source>
        <translation>O nome de uma predefinição pode ter no máximo {most} caracteres.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/sampling.py" line="35"/>
        <source>A preset needs a name.</source>
        <translation>Uma predefinição precisa de um nome.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/sampling.py" line="38"/>
        <source>{file} is not a preset file (not valid JSON).</source>
        <translation>{file} não é um arquivo de predefinição (não é um JSON válido).</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/sampling.py" line="41"/>
        <source>{file} was made by a newer version of Prosa.</source>
        <translation>{file} foi feito por uma versão mais nova do Prosa.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/sampling.py" line="44"/>
        <source>There is no preset named “{name}”.</source>
        <translation>Não há nenhuma predefinição chamada “{name}”.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/sampling.py" line="47"/>
        <source>Cannot read {file}: {reason}.</source>
        <translation>Não foi possível ler {file}: {reason}.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/sampling.py" line="50"/>
        <source>{file} is not a Prosa sampling preset file.</source>
        <translation>{file} não é um arquivo de predefinição de amostragem do Prosa.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/sampling.py" line="53"/>
        <source>The saved system prompts were damaged; kept as {kept_as}.</source>
        <translation>Os prompts de sistema salvos estavam danificados; foram guardados como {kept_as}.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/sampling.py" line="56"/>
        <source>A system prompt named “{name}” already exists.</source>
        <translation>Já existe um prompt de sistema chamado “{name}”.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/sampling.py" line="59"/>
        <source>There is no saved system prompt named “{name}”.</source>
        <translation>Não há nenhum prompt de sistema salvo chamado “{name}”.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/sampling.py" line="62"/>
        <source>A system prompt name can have at most {most} characters.</source>
        <translation>O nome de um prompt de sistema pode ter no máximo {most} caracteres.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/sampling.py" line="65"/>
        <source>A system prompt needs a name.</source>
        <translation>Um prompt de sistema precisa de um nome.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/sampling.py" line="68"/>
        <source>Beam search keeps the most likely replies and draws nothing at random, so a temperature ({temperature}) has no effect: set it to 0, or choose sampling.</source>
        <translation>A busca em feixe mantém as respostas mais prováveis e não sorteia nada, então uma temperatura ({temperature}) não tem efeito: ajuste-a para 0 ou escolha amostragem.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/sampling.py" line="73"/>
        <source>Greedy decoding always takes the most likely token, so a temperature ({temperature}) has no effect: set it to 0, or choose sampling.</source>
        <translation>A decodificação gulosa sempre escolhe o token mais provável, então uma temperatura ({temperature}) não tem efeito: ajuste-a para 0 ou escolha amostragem.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/sampling.py" line="77"/>
        <source>N-best {n_best} asks for more replies than the {beam_width} beam(s) can hold: raise the beam width to at least {n_best}, or lower n-best.</source>
        <translation>N-melhores {n_best} pede mais respostas do que {beam_width} feixe(s) comportam: aumente a largura do feixe para pelo menos {n_best} ou diminua o n-melhores.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/sampling.py" line="81"/>
        <source>Only beam search returns several replies: n-best {n_best} needs beam search, or set it to 1.</source>
        <translation>Só a busca em feixe devolve várias respostas: n-melhores {n_best} precisa da busca em feixe, ou ajuste-o para 1.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/sampling.py" line="85"/>
        <source>The penalty window is 0 tokens, so the repeat, presence and frequency penalties have no effect: widen the window, or set the penalties to 1, 0 and 0.</source>
        <translation>A janela de penalidade é de 0 tokens, então as penalidades de repetição, presença e frequência não têm efeito: amplie a janela ou ajuste as penalidades para 1, 0 e 0.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/sampling.py" line="90"/>
        <source>Sampling at temperature 0 would always take the most likely token: choose greedy decoding, or raise the temperature above 0.</source>
        <translation>Amostrar com temperatura 0 sempre escolheria o token mais provável: escolha a decodificação gulosa ou aumente a temperatura acima de 0.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/sampling.py" line="94"/>
        <source>Top-k 1 leaves only the most likely token, so typical-p has nothing to choose from: raise top-k, or set typical-p to 1.</source>
        <translation>Top-k 1 deixa só o token mais provável, então o typical-p não tem o que escolher: aumente o top-k ou ajuste o typical-p para 1.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/sampling.py" line="98"/>
        <source>Invalid sampling settings: a stop string cannot be empty.</source>
        <translation>Configurações de amostragem inválidas: um texto de parada não pode ser vazio.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/sampling.py" line="101"/>
        <source>Invalid sampling settings: {setting} must be a number, not {value}.</source>
        <translation>Configurações de amostragem inválidas: {setting} precisa ser um número, não {value}.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/sampling.py" line="104"/>
        <source>Invalid sampling settings: {setting} must be a finite number, not {value}.</source>
        <translation>Configurações de amostragem inválidas: {setting} precisa ser um número finito, não {value}.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/sampling.py" line="108"/>
        <source>Invalid sampling settings: {setting} must be a whole number, not {value}.</source>
        <translation>Configurações de amostragem inválidas: {setting} precisa ser um número inteiro, não {value}.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/sampling.py" line="112"/>
        <source>Invalid sampling settings: {setting} must be between {low} and {high}, not {value}.</source>
        <translation>Configurações de amostragem inválidas: {setting} precisa estar entre {low} e {high}, não {value}.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/sampling.py" line="116"/>
        <source>Invalid sampling settings: stop strings must be text.</source>
        <translation>Configurações de amostragem inválidas: os textos de parada precisam ser texto.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/sampling.py" line="119"/>
        <source>Invalid sampling settings: the strategy must be one of {choices}, not {value}.</source>
        <translation>Configurações de amostragem inválidas: a estratégia precisa ser uma de {choices}, não {value}.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/templates.py" line="8"/>
        <source>Prosa&apos;s built-in chat template file {path} is damaged (its header does not name the family {family}); reinstall Prosa.</source>
        <translation>O arquivo do template de chat embutido do Prosa {path} está danificado (seu cabeçalho não indica a família {family}); reinstale o Prosa.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/templates.py" line="12"/>
        <source>Prosa&apos;s built-in {family} chat template ({path}) could not be read; reinstall Prosa, or set a template of your own for this model.</source>
        <translation>Não foi possível ler o template de chat embutido {family} do Prosa ({path}); reinstale o Prosa ou defina um template seu para este modelo.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/templates.py" line="16"/>
        <source>The chat template could not be compiled: {error}</source>
        <translation>Não foi possível compilar o template de chat: {error}</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/templates.py" line="19"/>
        <source>The template is empty. To go back to the model&apos;s own template, remove the override instead.</source>
        <translation>O template está vazio. Para voltar ao template do próprio modelo, remova a substituição.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/templates.py" line="23"/>
        <source>The chat template failed: {error}</source>
        <translation>O template de chat falhou: {error}</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/templates.py" line="26"/>
        <source>The chat template failed on line {line}: {error}</source>
        <translation>O template de chat falhou na linha {line}: {error}</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/templates.py" line="29"/>
        <source>The chat template generated more than {limit:,} characters of text (counting its macros and captured blocks) and was stopped. It may be broken or hostile; try another template.</source>
        <translation>O template de chat gerou mais de {limit:,} caracteres de texto (contando suas macros e blocos capturados) e foi interrompido. Ele pode estar quebrado ou ser malicioso; tente outro template.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/templates.py" line="34"/>
        <source>The model file {path} cannot be read ({reason}), so its template cannot be saved.</source>
        <translation>Não é possível ler o arquivo de modelo {path} ({reason}), então o template dele não pode ser salvo.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/templates.py" line="38"/>
        <source>The chat template tried to compute a number of more than {bits:,} bits and was stopped. It may be broken or hostile; try another template.</source>
        <translation>O template de chat tentou calcular um número de mais de {bits:,} bits e foi interrompido. Ele pode estar quebrado ou ser malicioso; tente outro template.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/templates.py" line="42"/>
        <source>The chat template ran out of memory.</source>
        <translation>O template de chat ficou sem memória.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/templates.py" line="45"/>
        <source>The chat template ran out of memory on line {line}.</source>
        <translation>O template de chat ficou sem memória na linha {line}.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/templates.py" line="48"/>
        <source>The chat template produced more than {limit:,} characters and was stopped. It may be broken or hostile; try another template, or shorten the conversation.</source>
        <translation>O template de chat produziu mais de {limit:,} caracteres e foi interrompido. Ele pode estar quebrado ou ser malicioso; tente outro template ou encurte a conversa.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/templates.py" line="53"/>
        <source>The saved chat template overrides were damaged; the file was kept as {kept_as} and the models&apos; own templates are in use.</source>
        <translation>As substituições de template de chat salvas estavam danificadas; o arquivo foi guardado como {kept_as} e os templates dos próprios modelos estão em uso.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/templates.py" line="57"/>
        <source>The saved chat template overrides ({file}) were not in the expected format and were ignored.</source>
        <translation>As substituições de template de chat salvas ({file}) não estavam no formato esperado e foram ignoradas.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/templates.py" line="61"/>
        <source>The chat template asked for a range of more than {limit:,} items and was stopped. It may be broken or hostile; try another template.</source>
        <translation>O template de chat pediu um intervalo de mais de {limit:,} itens e foi interrompido. Ele pode estar quebrado ou ser malicioso; tente outro template.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/templates.py" line="65"/>
        <source>The model file has no chat template and nothing about it says it was instruction-tuned, so Prosa treats it as a base model that continues the text you write.</source>
        <translation>O arquivo do modelo não tem template de chat e nada nele indica que foi ajustado para instruções, então o Prosa o trata como um modelo base que continua o texto que você escreve.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/templates.py" line="70"/>
        <source>Prosa uses its built-in {family} template, because the chosen one could not be used: {cause}</source>
        <translation>O Prosa usa o template {family} embutido, porque o escolhido não pôde ser usado: {cause}</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/templates.py" line="74"/>
        <source>You chose chat mode for a model whose file has no chat template, so Prosa uses its built-in {family} template, chosen from the model&apos;s architecture ({detail}).</source>
        <translation>Você escolheu o modo chat para um modelo cujo arquivo não tem template de chat, então o Prosa usa o template {family} embutido, escolhido pela arquitetura do modelo ({detail}).</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/templates.py" line="79"/>
        <source>You chose chat mode for a model whose file has no chat template, so Prosa uses its built-in {family} template, chosen from the model&apos;s name ({detail}).</source>
        <translation>Você escolheu o modo chat para um modelo cujo arquivo não tem template de chat, então o Prosa usa o template {family} embutido, escolhido pelo nome do modelo ({detail}).</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/templates.py" line="84"/>
        <source>You chose chat mode for a model whose file has no chat template, so Prosa uses its built-in {family} template, chosen from the model&apos;s special tokens ({detail}).</source>
        <translation>Você escolheu o modo chat para um modelo cujo arquivo não tem template de chat, então o Prosa usa o template {family} embutido, escolhido pelos tokens especiais do modelo ({detail}).</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/templates.py" line="89"/>
        <source>You chose chat mode for a model whose file has no chat template, so Prosa uses its built-in {family} template, chosen from the model&apos;s special tokens and name ({detail}).</source>
        <translation>Você escolheu o modo chat para um modelo cujo arquivo não tem template de chat, então o Prosa usa o template {family} embutido, escolhido pelos tokens especiais e pelo nome do modelo ({detail}).</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/templates.py" line="94"/>
        <source>You chose chat mode for a model whose file has no chat template, and nothing in it names its chat format, so Prosa uses its built-in {family} template, the most common format.</source>
        <translation>Você escolheu o modo chat para um modelo cujo arquivo não tem template de chat, e nada nele indica seu formato de chat, então o Prosa usa o template {family} embutido, o formato mais comum.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/templates.py" line="99"/>
        <source>You chose completion mode, so no chat template is used and the model continues the text you write.</source>
        <translation>Você escolheu o modo de completar, então nenhum template de chat é usado e o modelo continua o texto que você escreve.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/templates.py" line="103"/>
        <source>You set a chat template of your own for this model.</source>
        <translation>Você definiu um template de chat seu para este modelo.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/templates.py" line="106"/>
        <source>The model file carries its own chat template, the format it was trained with.</source>
        <translation>O arquivo do modelo traz o próprio template de chat, o formato com que ele foi treinado.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/templates.py" line="110"/>
        <source>The server formats the prompt with its own chat template. Prosa shows the request it sends; the exact prompt and its tokens stay on the server.</source>
        <translation>O servidor formata o prompt com o próprio template de chat. O Prosa mostra a requisição que envia; o prompt exato e os tokens dele ficam no servidor.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/templates.py" line="115"/>
        <source>Tools are enabled and the model file carries a tool_use template, which formats tool definitions and calls the way the model was trained.</source>
        <translation>As ferramentas estão ativadas e o arquivo do modelo traz um template tool_use, que formata as definições e chamadas de ferramentas do jeito que o modelo foi treinado.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/templates.py" line="120"/>
        <source>The model file carries only a tool_use template, so Prosa uses it, as it is still the turn format the model was trained on.</source>
        <translation>O arquivo do modelo traz só um template tool_use, então o Prosa o usa, pois ele ainda é o formato de turnos com que o modelo foi treinado.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/templates.py" line="124"/>
        <source>The model file has no chat template, but its end-of-sequence token ({token}) says it is instruction-tuned, so Prosa uses its built-in {family} template, chosen from the model&apos;s architecture ({detail}).</source>
        <translation>O arquivo do modelo não tem template de chat, mas seu token de fim de sequência ({token}) indica que ele foi ajustado para instruções, então o Prosa usa o template {family} embutido, escolhido pela arquitetura do modelo ({detail}).</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/templates.py" line="129"/>
        <source>The model file has no chat template, but its end-of-sequence token ({token}) says it is instruction-tuned, so Prosa uses its built-in {family} template, chosen from the model&apos;s name ({detail}).</source>
        <translation>O arquivo do modelo não tem template de chat, mas seu token de fim de sequência ({token}) indica que ele foi ajustado para instruções, então o Prosa usa o template {family} embutido, escolhido pelo nome do modelo ({detail}).</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/templates.py" line="134"/>
        <source>The model file has no chat template, but its end-of-sequence token ({token}) says it is instruction-tuned, so Prosa uses its built-in {family} template, chosen from the model&apos;s special tokens ({detail}).</source>
        <translation>O arquivo do modelo não tem template de chat, mas seu token de fim de sequência ({token}) indica que ele foi ajustado para instruções, então o Prosa usa o template {family} embutido, escolhido pelos tokens especiais do modelo ({detail}).</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/templates.py" line="139"/>
        <source>The model file has no chat template, but its end-of-sequence token ({token}) says it is instruction-tuned, so Prosa uses its built-in {family} template, chosen from the model&apos;s special tokens and name ({detail}).</source>
        <translation>O arquivo do modelo não tem template de chat, mas seu token de fim de sequência ({token}) indica que ele foi ajustado para instruções, então o Prosa usa o template {family} embutido, escolhido pelos tokens especiais e pelo nome do modelo ({detail}).</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/templates.py" line="145"/>
        <source>The model file has no chat template, but its end-of-sequence token ({token}) says it is instruction-tuned, and nothing in it names its chat format, so Prosa uses its built-in {family} template, the most common format.</source>
        <translation>O arquivo do modelo não tem template de chat, mas seu token de fim de sequência ({token}) indica que ele foi ajustado para instruções, e nada nele indica seu formato de chat, então o Prosa usa o template {family} embutido, o formato mais comum.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/templates.py" line="151"/>
        <source>The model file has no chat template, but its name ({word} in {name}) says it is instruction-tuned, so Prosa uses its built-in {family} template, chosen from the model&apos;s architecture ({detail}).</source>
        <translation>O arquivo do modelo não tem template de chat, mas seu nome ({word} em {name}) indica que ele foi ajustado para instruções, então o Prosa usa o template {family} embutido, escolhido pela arquitetura do modelo ({detail}).</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/templates.py" line="156"/>
        <source>The model file has no chat template, but its name ({word} in {name}) says it is instruction-tuned, so Prosa uses its built-in {family} template, chosen from the model&apos;s name ({detail}).</source>
        <translation>O arquivo do modelo não tem template de chat, mas seu nome ({word} em {name}) indica que ele foi ajustado para instruções, então o Prosa usa o template {family} embutido, escolhido pelo nome do modelo ({detail}).</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/templates.py" line="161"/>
        <source>The model file has no chat template, but its name ({word} in {name}) says it is instruction-tuned, so Prosa uses its built-in {family} template, chosen from the model&apos;s special tokens ({detail}).</source>
        <translation>O arquivo do modelo não tem template de chat, mas seu nome ({word} em {name}) indica que ele foi ajustado para instruções, então o Prosa usa o template {family} embutido, escolhido pelos tokens especiais do modelo ({detail}).</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/templates.py" line="166"/>
        <source>The model file has no chat template, but its name ({word} in {name}) says it is instruction-tuned, so Prosa uses its built-in {family} template, chosen from the model&apos;s special tokens and name ({detail}).</source>
        <translation>O arquivo do modelo não tem template de chat, mas seu nome ({word} em {name}) indica que ele foi ajustado para instruções, então o Prosa usa o template {family} embutido, escolhido pelos tokens especiais e pelo nome do modelo ({detail}).</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/templates.py" line="171"/>
        <source>The model file has no chat template, but its name ({word} in {name}) says it is instruction-tuned, and nothing in it names its chat format, so Prosa uses its built-in {family} template, the most common format.</source>
        <translation>O arquivo do modelo não tem template de chat, mas seu nome ({word} em {name}) indica que ele foi ajustado para instruções, e nada nele indica seu formato de chat, então o Prosa usa o template {family} embutido, o formato mais comum.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/templates.py" line="176"/>
        <source>The chat template refused this conversation: {reason}</source>
        <translation>O template de chat recusou esta conversa: {reason}</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/templates.py" line="179"/>
        <source>The chat template could not be rendered: {error}</source>
        <translation>Não foi possível renderizar o template de chat: {error}</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/templates.py" line="182"/>
        <source>The chat template took longer than {seconds:g} s, so it was stopped. It may be broken or hostile; try another template.</source>
        <translation>O template de chat levou mais de {seconds:g} s, então foi interrompido. Ele pode estar quebrado ou ser malicioso; tente outro template.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/templates.py" line="186"/>
        <source>The chat template crashed the renderer, so it was stopped and will be restarted. It may be broken or hostile (often it used up all memory); try another template.</source>
        <translation>O template de chat derrubou o renderizador, então ele foi interrompido e será reiniciado. O template pode estar quebrado ou ser malicioso (muitas vezes ele esgotou a memória); tente outro template.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/templates.py" line="191"/>
        <source>The template renderer could not be started.</source>
        <translation>Não foi possível iniciar o renderizador de templates.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/templates.py" line="194"/>
        <source>The chat template has a syntax error on line {line}: {error}</source>
        <translation>O template de chat tem um erro de sintaxe na linha {line}: {error}</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/templates.py" line="197"/>
        <source>The chat template ran longer than {seconds:g} s and was stopped. It may be broken or hostile; try another template.</source>
        <translation>O template de chat rodou por mais de {seconds:g} s e foi interrompido. Ele pode estar quebrado ou ser malicioso; tente outro template.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/templates.py" line="201"/>
        <source>The chat template nested too deeply (runaway recursion) and was stopped. It may be broken or hostile; try another template.</source>
        <translation>O template de chat se aninhou demais (recursão descontrolada) e foi interrompido. Ele pode estar quebrado ou ser malicioso; tente outro template.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/templates.py" line="205"/>
        <source>The template is {length:,} characters long; the limit is {limit:,}. Check that the right text was pasted.</source>
        <translation>O template tem {length:,} caracteres; o limite é {limit:,}. Verifique se o texto certo foi colado.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/templates.py" line="209"/>
        <source>The chat template tried to do something unsafe and was stopped: {reason}. Do not use this template.</source>
        <translation>O template de chat tentou fazer algo inseguro e foi interrompido: {reason}. Não use este template.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/templates.py" line="213"/>
        <source>The chat template tried to do something unsafe on line {line} and was stopped: {reason}. Do not use this template.</source>
        <translation>O template de chat tentou fazer algo inseguro na linha {line} e foi interrompido: {reason}. Não use este template.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/templates.py" line="217"/>
        <source>The chat template tried to build a text of more than {limit:,} characters and was stopped. It may be broken or hostile; try another template.</source>
        <translation>O template de chat tentou montar um texto de mais de {limit:,} caracteres e foi interrompido. Ele pode estar quebrado ou ser malicioso; tente outro template.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/output.py" line="8"/>
        <source>The reply was cut off inside a tool call; the call was not made.</source>
        <translation>A resposta foi cortada no meio de uma chamada de ferramenta; a chamada não foi feita.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/output.py" line="11"/>
        <source>A tool call could not be read ({reason}); its text is shown as it came.</source>
        <translation>Não foi possível ler uma chamada de ferramenta ({reason}); o texto dela é mostrado como veio.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/mcp.py" line="8"/>
        <source>The address of the MCP server “{name}” must start with http:// or https://.</source>
        <translation>O endereço do servidor MCP “{name}” deve começar com http:// ou https://.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/mcp.py" line="12"/>
        <source>The list of MCP servers could not be read; it was kept as {kept_as} and the list starts empty.</source>
        <translation>Não foi possível ler a lista de servidores MCP; ela foi guardada como {kept_as} e a lista começa vazia.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/mcp.py" line="16"/>
        <source>An MCP server named “{name}” already exists.</source>
        <translation>Já existe um servidor MCP chamado “{name}”.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/mcp.py" line="19"/>
        <source>There is no MCP server named “{name}”.</source>
        <translation>Não há nenhum servidor MCP chamado “{name}”.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/mcp.py" line="22"/>
        <source>An MCP server&apos;s name can have at most {most} characters.</source>
        <translation>O nome de um servidor MCP pode ter no máximo {most} caracteres.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/mcp.py" line="25"/>
        <source>The MCP server “{name}” needs a program to run.</source>
        <translation>O servidor MCP “{name}” precisa de um programa para executar.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/mcp.py" line="28"/>
        <source>An MCP server needs a name.</source>
        <translation>Um servidor MCP precisa de um nome.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/mcp.py" line="31"/>
        <source>The MCP server “{server}” answered with an error: {reason}</source>
        <translation>O servidor MCP “{server}” respondeu com um erro: {reason}</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/mcp.py" line="34"/>
        <source>The MCP server “{server}” stopped unexpectedly; it will be started again on the next call.</source>
        <translation>O servidor MCP “{server}” parou inesperadamente; ele será iniciado de novo na próxima chamada.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/mcp.py" line="38"/>
        <source>The MCP server “{server}” is turned off.</source>
        <translation>O servidor MCP “{server}” está desligado.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/mcp.py" line="41"/>
        <source>The MCP server {entry} could not be read ({reason}) and was left out; the old list was kept as {kept_as}.</source>
        <translation>Não foi possível ler o servidor MCP {entry} ({reason}) e ele foi deixado de fora; a lista antiga foi guardada como {kept_as}.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/mcp.py" line="45"/>
        <source>The MCP server “{server}” could not be started: {reason}</source>
        <translation>Não foi possível iniciar o servidor MCP “{server}”: {reason}</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/mcp.py" line="48"/>
        <source>The MCP server “{server}” was stopped before the call finished.</source>
        <translation>O servidor MCP “{server}” foi parado antes de a chamada terminar.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/mcp.py" line="51"/>
        <source>The MCP server “{server}” did not answer within {seconds:g} seconds.</source>
        <translation>O servidor MCP “{server}” não respondeu em {seconds:g} segundos.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/mcp.py" line="54"/>
        <source>The tool “{tool}” reported an error: {text}</source>
        <translation>A ferramenta “{tool}” informou um erro: {text}</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/tools.py" line="8"/>
        <source>The grammar is empty.</source>
        <translation>A gramática está vazia.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/tools.py" line="11"/>
        <source>A grammar needs a rule named root, where the reply starts (root ::= …).</source>
        <translation>Uma gramática precisa de uma regra chamada root, onde a resposta começa (root ::= …).</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/tools.py" line="15"/>
        <source>This is not a valid JSON schema: {error} (at {where}).</source>
        <translation>Este não é um esquema JSON válido: {error} (em {where}).</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/tools.py" line="18"/>
        <source>The schema is not valid JSON: {error} (line {line}, column {column}).</source>
        <translation>O esquema não é um JSON válido: {error} (linha {line}, coluna {column}).</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/tools.py" line="21"/>
        <source>A JSON schema must be a JSON object, starting with a brace.</source>
        <translation>Um esquema JSON precisa ser um objeto JSON, que começa com uma chave.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/tools.py" line="24"/>
        <source>Tool &quot;{tool}&quot; has an invalid argument schema, so it cannot be called: {reason}</source>
        <translation>A ferramenta &quot;{tool}&quot; tem um esquema de argumentos inválido e não pode ser chamada: {reason}</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/tools.py" line="28"/>
        <source>{function}() takes {expected} arguments, not {given}.</source>
        <translation>{function}() recebe {expected} argumentos, não {given}.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/tools.py" line="31"/>
        <source>The expression divides by zero.</source>
        <translation>A expressão divide por zero.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/tools.py" line="34"/>
        <source>The expression is empty.</source>
        <translation>A expressão está vazia.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/tools.py" line="37"/>
        <source>The result is not a real number.</source>
        <translation>O resultado não é um número real.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/tools.py" line="40"/>
        <source>round(x, digits) takes a whole number of digits from -{limit} to {limit}.</source>
        <translation>round(x, dígitos) aceita um número inteiro de dígitos de -{limit} a {limit}.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/tools.py" line="44"/>
        <source>The expression is not valid arithmetic (at character {position}): {reason}.</source>
        <translation>A expressão não é uma conta válida (no caractere {position}): {reason}.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/tools.py" line="48"/>
        <source>The expression is nested more than {limit} levels deep.</source>
        <translation>A expressão tem mais de {limit} níveis de aninhamento.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/tools.py" line="51"/>
        <source>The result is too large for the calculator (whole numbers of up to {limit:,} digits, decimals up to about 1.8e308).</source>
        <translation>O resultado é grande demais para a calculadora (números inteiros de até {limit} dígitos, decimais até cerca de 1,8e308).</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/tools.py" line="55"/>
        <source>The expression has {length:,} characters; the calculator takes at most {limit:,}.</source>
        <translation>A expressão tem {length} caracteres; a calculadora aceita no máximo {limit}.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/tools.py" line="59"/>
        <source>{what} is not defined in the real numbers.</source>
        <translation>{what} não está definido nos números reais.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/tools.py" line="62"/>
        <source>The calculator does not know the name &quot;{name}&quot;. It knows the functions {functions} and the constants pi and e.</source>
        <translation>A calculadora não conhece o nome &quot;{name}&quot;. Ela conhece as funções {functions} e as constantes pi e e.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/tools.py" line="66"/>
        <source>The calculator does not support {what}. It knows numbers, + - * / // % ** and parentheses, the functions {functions}, and the constants pi and e.</source>
        <translation>A calculadora não aceita {what}. Ela conhece números, + - * / // % ** e parênteses, as funções {functions} e as constantes pi e e.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/tools.py" line="71"/>
        <source>Unknown time zone &quot;{timezone}&quot;. Give an IANA name such as Europe/Lisbon, America/Sao_Paulo or UTC, or leave it out for the local time.</source>
        <translation>Fuso horário desconhecido: &quot;{timezone}&quot;. Use um nome IANA como Europe/Lisbon, America/Sao_Paulo ou UTC, ou omita-o para usar a hora local.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/tools.py" line="76"/>
        <source>You did not allow this call.</source>
        <translation>Você não permitiu esta chamada.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/tools.py" line="79"/>
        <source>Two tools are named &quot;{tool}&quot;, one from {first} and one from {second}; the model could not tell them apart. Turn one of them off.</source>
        <translation>Duas ferramentas se chamam &quot;{tool}&quot;, uma de {first} e outra de {second}; o modelo não conseguiria distingui-las. Desative uma delas.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/tools.py" line="83"/>
        <source>Tool &quot;{tool}&quot; failed: {reason}</source>
        <translation>A ferramenta &quot;{tool}&quot; falhou: {reason}</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/tools.py" line="86"/>
        <source>The file &quot;{file}&quot; is not a text file (it contains binary data).</source>
        <translation>O arquivo &quot;{file}&quot; não é um arquivo de texto (contém dados binários).</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/tools.py" line="89"/>
        <source>The file &quot;{file}&quot; is no longer there (moved or deleted).</source>
        <translation>O arquivo &quot;{file}&quot; não está mais lá (foi movido ou apagado).</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/tools.py" line="92"/>
        <source>No file called &quot;{file}&quot; was shared; the shared files are: {files}.</source>
        <translation>Nenhum arquivo chamado &quot;{file}&quot; foi compartilhado; os arquivos compartilhados são: {files}.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/tools.py" line="95"/>
        <source>The file &quot;{file}&quot; could not be read: {reason}.</source>
        <translation>Não foi possível ler o arquivo &quot;{file}&quot;: {reason}.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/tools.py" line="98"/>
        <source>The arguments do not match the schema of tool &quot;{tool}&quot;: {reason}</source>
        <translation>Os argumentos não correspondem ao esquema da ferramenta &quot;{tool}&quot;: {reason}</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/tools.py" line="101"/>
        <source>This reply reached its limit of {limit} tool calls.</source>
        <translation>Esta resposta chegou ao limite de {limit} chamadas de ferramentas.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/tools.py" line="104"/>
        <source>Stopped before it ran.</source>
        <translation>Parada antes de rodar.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/tools.py" line="107"/>
        <source>Tool &quot;{tool}&quot; did not answer within {seconds:g} seconds.</source>
        <translation>A ferramenta &quot;{tool}&quot; não respondeu em {seconds:g} segundos.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/tools.py" line="110"/>
        <source>Cannot convert &quot;{from_unit}&quot; ({from_dimension}) to &quot;{to_unit}&quot; ({to_dimension}): they measure different things.</source>
        <translation>Não é possível converter &quot;{from_unit}&quot; ({from_dimension}) em &quot;{to_unit}&quot; ({to_dimension}): elas medem grandezas diferentes.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/tools.py" line="114"/>
        <source>A temperature in &quot;{unit}&quot; cannot be combined with other units; convert the temperature on its own (degC, degF, kelvin).</source>
        <translation>Uma temperatura em &quot;{unit}&quot; não pode ser combinada com outras unidades; converta a temperatura sozinha (degC, degF, kelvin).</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/tools.py" line="118"/>
        <source>The converted value is too large to compute.</source>
        <translation>O valor convertido é grande demais para ser calculado.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/tools.py" line="121"/>
        <source>The unit &quot;{unit}&quot; is not known. Write units like km, mile, km/h, degC, kg, lb, L or kWh.</source>
        <translation>A unidade &quot;{unit}&quot; é desconhecida. Escreva unidades como km, mile, km/h, degC, kg, lb, L ou kWh.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/tools.py" line="125"/>
        <source>The unit &quot;{unit}&quot; could not be read. Write units like km, mi/h, degC or kg*m/s**2.</source>
        <translation>Não foi possível ler a unidade &quot;{unit}&quot;. Escreva unidades como km, mi/h, degC ou kg*m/s**2.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/tools.py" line="129"/>
        <source>There is no tool named &quot;{tool}&quot;. The available tools are: {available}.</source>
        <translation>Não há nenhuma ferramenta chamada &quot;{tool}&quot;. As ferramentas disponíveis são: {available}.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/remote.py" line="8"/>
        <source>The server&apos;s address must start with http:// or https:// and name a host, such as http://192.168.1.20:8080/v1.</source>
        <translation>O endereço do servidor deve começar com http:// ou https:// e indicar um host, como http://192.168.1.20:8080/v1.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/remote.py" line="12"/>
        <source>The server sent a call of “{name}” whose arguments are not a JSON object; it was kept as text.</source>
        <translation>O servidor enviou uma chamada de “{name}” cujos argumentos não são um objeto JSON; ela foi mantida como texto.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/remote.py" line="16"/>
        <source>A saved server could not be read.</source>
        <translation>Não foi possível ler um servidor salvo.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/remote.py" line="19"/>
        <source>A server needs a name of 1 to {most} characters.</source>
        <translation>Um servidor precisa de um nome de 1 a {most} caracteres.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/remote.py" line="22"/>
        <source>The server “{server}” sent a reply Prosa could not read ({reason}).</source>
        <translation>O servidor “{server}” enviou uma resposta que o Prosa não conseguiu ler ({reason}).</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/remote.py" line="25"/>
        <source>The list of remote servers could not be read; it was kept as {kept_as} and the list starts empty.</source>
        <translation>Não foi possível ler a lista de servidores remotos; ela foi guardada como {kept_as} e a lista começa vazia.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/remote.py" line="29"/>
        <source>A server named “{name}” already exists.</source>
        <translation>Já existe um servidor chamado “{name}”.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/remote.py" line="32"/>
        <source>The server “{server}” refused llama.cpp&apos;s own settings (top-k, min-p, typical-p, the repeat penalty); replies use the rest.</source>
        <translation>O servidor “{server}” recusou as configurações próprias do llama.cpp (top-k, min-p, typical-p, a penalidade de repetição); as respostas usam as demais.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/remote.py" line="36"/>
        <source>The server “{server}” was not sent these settings, which it cannot use: {settings}.</source>
        <translation>O servidor “{server}” não recebeu estas configurações, que ele não pode usar: {settings}.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/remote.py" line="40"/>
        <source>The server “{server}” has no model named “{model}”. Pick one of the models it lists.</source>
        <translation>O servidor “{server}” não tem nenhum modelo chamado “{model}”. Escolha um dos modelos que ele lista.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/remote.py" line="44"/>
        <source>The server “{server}” lists no models.</source>
        <translation>O servidor “{server}” não lista nenhum modelo.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/remote.py" line="47"/>
        <source>{path} is not a remote model.</source>
        <translation>{path} não é um modelo remoto.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/remote.py" line="50"/>
        <source>Prosa is set to work offline, so it does not connect to the server “{server}”. Turn off offline mode in Preferences to use it.</source>
        <translation>O Prosa está configurado para trabalhar offline, então não se conecta ao servidor “{server}”. Desative o modo offline nas Preferências para usá-lo.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/remote.py" line="54"/>
        <source>The server “{server}” has too many requests now. Try again in a moment.</source>
        <translation>O servidor “{server}” está com pedidos demais agora. Tente de novo daqui a pouco.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/remote.py" line="58"/>
        <source>The server “{server}” has too many requests now. Try again in {seconds} seconds.</source>
        <translation>O servidor “{server}” está com pedidos demais agora. Tente de novo em {seconds} segundos.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/remote.py" line="62"/>
        <source>The server “{server}” answered with an error (HTTP {status}): {message}</source>
        <translation>O servidor “{server}” respondeu com um erro (HTTP {status}): {message}</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/remote.py" line="66"/>
        <source>The server “{server}” did not answer within {seconds:g} seconds.</source>
        <translation>O servidor “{server}” não respondeu em {seconds:g} segundos.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/remote.py" line="69"/>
        <source>The server “{server}” ended the reply before it was finished; what arrived is kept.</source>
        <translation>O servidor “{server}” encerrou a resposta antes do fim; o que chegou foi mantido.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/remote.py" line="73"/>
        <source>The server “{server}” refused the API key (HTTP {status}): check the key it was given.</source>
        <translation>O servidor “{server}” recusou a chave de API (HTTP {status}): confira a chave informada para ele.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/remote.py" line="77"/>
        <source>The server of “{model}” was removed from Prosa&apos;s remote servers.</source>
        <translation>O servidor de “{model}” foi removido dos servidores remotos do Prosa.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/remote.py" line="80"/>
        <source>The server “{server}” at {address} could not be reached: {reason}. Check the address and that the server is running.</source>
        <translation>Não foi possível acessar o servidor “{server}” em {address}: {reason}. Confira o endereço e se o servidor está rodando.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/server.py" line="8"/>
        <source>Prosa cannot listen on {host} port {port}: {error}</source>
        <translation>O Prosa não consegue escutar em {host}, porta {port}: {error}</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/server.py" line="11"/>
        <source>The system keyring did not take the API key, so it is kept only until Prosa closes.</source>
        <translation>O chaveiro do sistema não aceitou a chave de API, então ela é guardada só até o Prosa fechar.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/server.py" line="15"/>
        <source>This computer does not let Prosa listen on port {port}: choose a port above 1023.</source>
        <translation>Este computador não deixa o Prosa escutar na porta {port}: escolha uma porta acima de 1023.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/server.py" line="19"/>
        <source>Port {port} on {host} is in use by another program: choose another port.</source>
        <translation>A porta {port} em {host} está em uso por outro programa: escolha outra porta.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/server.py" line="23"/>
        <source>The API server did not start; the details are in Prosa&apos;s log.</source>
        <translation>O servidor de API não iniciou; os detalhes estão no registro do Prosa.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/server.py" line="26"/>
        <source>{host} is not an address this computer can listen on.</source>
        <translation>{host} não é um endereço em que este computador possa escutar.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/learn.py" line="8"/>
        <source>Write a question for the model.</source>
        <translation>Escreva uma pergunta para o modelo.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/learn.py" line="11"/>
        <source>Write some text to cut into tokens.</source>
        <translation>Escreva algum texto para cortar em tokens.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/learn.py" line="14"/>
        <source>The lessons need a model on this computer: load one, or download one in Models.</source>
        <translation>As lições precisam de um modelo neste computador: carregue um, ou baixe um em Modelos.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/learn.py" line="18"/>
        <source>The engine reported no token probabilities for this model.</source>
        <translation>O motor não informou as probabilidades dos tokens para este modelo.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/learn.py" line="21"/>
        <source>The model did not write a tool call. Run the lesson again.</source>
        <translation>O modelo não escreveu uma chamada de ferramenta. Execute a lição de novo.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/learn.py" line="24"/>
        <source>The question is too long for this lesson: {chars} characters, at most {limit}.</source>
        <translation>A pergunta é longa demais para esta lição: {chars} caracteres, no máximo {limit}.</translation>
    </message>
    <message>
        <location filename="../../ui/error_texts/learn.py" line="28"/>
        <source>The text is too long for this lesson: {chars} characters, at most {limit}.</source>
        <translation>O texto é longo demais para esta lição: {chars} caracteres, no máximo {limit}.</translation>
    </message>
</context>
<context>
    <name>ExampleCard</name>
    <message>
        <location filename="../../ui/first_run/welcome.py" line="80"/>
        <source>Send: “%1”</source>
        <translation>Enviar: “%1”</translation>
    </message>
</context>
<context>
    <name>FindBar</name>
    <message>
        <location filename="../../ui/find_bar.py" line="48"/>
        <location filename="../../ui/find_bar.py" line="50"/>
        <source>Find in conversation</source>
        <extracomment>Where each match is: (start, end) in the document. The current match&apos;s position in ``matches`` (-1: none).</extracomment>
        <translation>Localizar na conversa</translation>
    </message>
    <message>
        <location filename="../../ui/find_bar.py" line="49"/>
        <source>Text to find in this conversation (any case)</source>
        <translation>Texto a localizar nesta conversa (maiúsculas ou minúsculas)</translation>
    </message>
    <message>
        <location filename="../../ui/find_bar.py" line="54"/>
        <source>Matches in this conversation</source>
        <translation>Ocorrências nesta conversa</translation>
    </message>
    <message>
        <location filename="../../ui/find_bar.py" line="56"/>
        <source>Previous match (Shift+Enter, Shift+F3)</source>
        <translation>Ocorrência anterior (Shift+Enter, Shift+F3)</translation>
    </message>
    <message>
        <location filename="../../ui/find_bar.py" line="57"/>
        <source>Previous match</source>
        <translation>Ocorrência anterior</translation>
    </message>
    <message>
        <location filename="../../ui/find_bar.py" line="58"/>
        <source>Next match (Enter, F3)</source>
        <translation>Próxima ocorrência (Enter, F3)</translation>
    </message>
    <message>
        <location filename="../../ui/find_bar.py" line="59"/>
        <source>Next match</source>
        <translation>Próxima ocorrência</translation>
    </message>
    <message>
        <location filename="../../ui/find_bar.py" line="60"/>
        <source>Close the search (Esc)</source>
        <translation>Fechar a busca (Esc)</translation>
    </message>
    <message>
        <location filename="../../ui/find_bar.py" line="61"/>
        <source>Close the search</source>
        <translation>Fechar a busca</translation>
    </message>
    <message>
        <location filename="../../ui/find_bar.py" line="188"/>
        <source>No matches</source>
        <translation>Nenhuma ocorrência</translation>
    </message>
    <message>
        <location filename="../../ui/find_bar.py" line="190"/>
        <source>%1 of %2</source>
        <translation>%1 de %2</translation>
    </message>
</context>
<context>
    <name>HubSettingsDialog</name>
    <message>
        <location filename="../../ui/hub_view.py" line="73"/>
        <source>Hub settings</source>
        <extracomment>Context length the fit estimate assumes (the app&apos;s default). One lane per kind of answer: a newer request makes the older answer stale, so a slow old search (or the files of a repository left behind) never replaces a newer one. Pause after the last key before a search starts as you type: long enough not to ask the Hub for every letter, short enough to feel live.</extracomment>
        <translation>Configurações do Hub</translation>
    </message>
    <message>
        <location filename="../../ui/hub_view.py" line="76"/>
        <source>The Hugging Face Hub, or a mirror of it.</source>
        <translation>O Hugging Face Hub, ou um espelho dele.</translation>
    </message>
    <message>
        <location filename="../../ui/hub_view.py" line="80"/>
        <source>hf_… (only for gated and private models)</source>
        <translation>hf_… (só para modelos restritos e privados)</translation>
    </message>
    <message>
        <location filename="../../ui/hub_view.py" line="81"/>
        <source>A Hugging Face access token, for gated and private models; kept in Prosa&apos;s settings.</source>
        <translation>Um token de acesso do Hugging Face, para modelos restritos e privados; guardado nas configurações do Prosa.</translation>
    </message>
    <message>
        <location filename="../../ui/hub_view.py" line="83"/>
        <source>Offline: never use the network</source>
        <translation>Offline: nunca usar a rede</translation>
    </message>
    <message>
        <location filename="../../ui/hub_view.py" line="86"/>
        <source>Never connect: no search, no download, and approximate sizes in the recommended list.</source>
        <translation>Nunca conectar: sem busca, sem download e com tamanhos aproximados na lista de recomendados.</translation>
    </message>
    <message>
        <location filename="../../ui/hub_view.py" line="88"/>
        <source>Connections use the system proxy from the HTTPS_PROXY and NO_PROXY environment variables.</source>
        <translation>As conexões usam o proxy do sistema, das variáveis de ambiente HTTPS_PROXY e NO_PROXY.</translation>
    </message>
    <message>
        <location filename="../../ui/hub_view.py" line="92"/>
        <source>Hub address</source>
        <translation>Endereço do Hub</translation>
    </message>
    <message>
        <location filename="../../ui/hub_view.py" line="93"/>
        <source>Access token</source>
        <translation>Token de acesso</translation>
    </message>
</context>
<context>
    <name>HubView</name>
    <message>
        <location filename="../../ui/hub_view.py" line="143"/>
        <source>Search GGUF models, e.g. “qwen 7b instruct”</source>
        <extracomment>New Hub settings (endpoint, token, offline), to be saved by the window. A download was queued (job id). What the last refresh learnt (None until one has finished).</extracomment>
        <translation>Buscar modelos GGUF, por exemplo “qwen 7b instruct”</translation>
    </message>
    <message>
        <location filename="../../ui/hub_view.py" line="144"/>
        <source>Search the Hub&apos;s GGUF models by name; clear the box to see the models recommended for this computer again.</source>
        <translation>Busque modelos GGUF do Hub pelo nome; limpe a caixa para ver de novo os modelos recomendados para este computador.</translation>
    </message>
    <message>
        <location filename="../../ui/hub_view.py" line="148"/>
        <source>Most downloaded</source>
        <translation>Mais baixados</translation>
    </message>
    <message>
        <location filename="../../ui/hub_view.py" line="149"/>
        <source>Most liked</source>
        <translation>Mais curtidos</translation>
    </message>
    <message>
        <location filename="../../ui/hub_view.py" line="150"/>
        <source>Recently updated</source>
        <translation>Atualizados recentemente</translation>
    </message>
    <message>
        <location filename="../../ui/hub_view.py" line="151"/>
        <source>The order of the search results.</source>
        <translation>A ordem dos resultados da busca.</translation>
    </message>
    <message>
        <location filename="../../ui/hub_view.py" line="152"/>
        <source>Search</source>
        <translation>Buscar</translation>
    </message>
    <message>
        <location filename="../../ui/hub_view.py" line="154"/>
        <source>Search the Hub now (Enter).</source>
        <translation>Buscar no Hub agora (Enter).</translation>
    </message>
    <message>
        <location filename="../../ui/hub_view.py" line="156"/>
        <source>Settings…</source>
        <translation>Configurações…</translation>
    </message>
    <message>
        <location filename="../../ui/hub_view.py" line="158"/>
        <source>The Hub&apos;s address, your access token, and offline mode.</source>
        <translation>O endereço do Hub, seu token de acesso e o modo offline.</translation>
    </message>
    <message>
        <location filename="../../ui/hub_view.py" line="181"/>
        <source>Model</source>
        <translation>Modelo</translation>
    </message>
    <message>
        <location filename="../../ui/hub_view.py" line="181"/>
        <source>Author</source>
        <translation>Autor</translation>
    </message>
    <message>
        <location filename="../../ui/hub_view.py" line="181"/>
        <source>Parameters</source>
        <translation>Parâmetros</translation>
    </message>
    <message>
        <location filename="../../ui/hub_view.py" line="181"/>
        <source>Downloads</source>
        <translation>Downloads</translation>
    </message>
    <message>
        <location filename="../../ui/hub_view.py" line="182"/>
        <source>Likes</source>
        <translation>Curtidas</translation>
    </message>
    <message>
        <location filename="../../ui/hub_view.py" line="182"/>
        <source>Updated</source>
        <translation>Atualizado</translation>
    </message>
    <message>
        <location filename="../../ui/hub_view.py" line="182"/>
        <source>Licence</source>
        <translation>Licença</translation>
    </message>
    <message>
        <location filename="../../ui/hub_view.py" line="182"/>
        <source>Access</source>
        <translation>Acesso</translation>
    </message>
    <message>
        <location filename="../../ui/hub_view.py" line="184"/>
        <source>Select a repository to see its files.</source>
        <translation>Selecione um repositório para ver seus arquivos.</translation>
    </message>
    <message>
        <location filename="../../ui/hub_view.py" line="188"/>
        <source>Quantization</source>
        <translation>Quantização</translation>
    </message>
    <message>
        <location filename="../../ui/hub_view.py" line="188"/>
        <source>Size</source>
        <translation>Tamanho</translation>
    </message>
    <message>
        <location filename="../../ui/hub_view.py" line="189"/>
        <source>Fits this computer?</source>
        <translation>Cabe neste computador?</translation>
    </message>
    <message>
        <location filename="../../ui/hub_view.py" line="189"/>
        <source>Files</source>
        <translation>Arquivos</translation>
    </message>
    <message>
        <location filename="../../ui/hub_view.py" line="192"/>
        <source>The repository&apos;s files, one row per quantization; ★ marks the one to choose.</source>
        <translation>Os arquivos do repositório, uma linha por quantização; ★ marca o que escolher.</translation>
    </message>
    <message>
        <location filename="../../ui/hub_view.py" line="197"/>
        <source>The model card: what the publisher says about it.</source>
        <translation>O cartão do modelo: o que quem o publicou diz sobre ele.</translation>
    </message>
    <message>
        <location filename="../../ui/hub_view.py" line="201"/>
        <location filename="../../ui/hub_view.py" line="546"/>
        <source>What is quantization?</source>
        <translation>O que é quantização?</translation>
    </message>
    <message>
        <location filename="../../ui/hub_view.py" line="202"/>
        <source>What the names Q4_K_M, Q8_0… mean, and which to choose.</source>
        <translation>O que significam os nomes Q4_K_M, Q8_0… e qual escolher.</translation>
    </message>
    <message>
        <location filename="../../ui/hub_view.py" line="205"/>
        <location filename="../../ui/hub_view.py" line="508"/>
        <source>Download</source>
        <translation>Baixar</translation>
    </message>
    <message>
        <location filename="../../ui/hub_view.py" line="207"/>
        <source>Download the selected file into the models folder.</source>
        <translation>Baixar o arquivo selecionado para a pasta de modelos.</translation>
    </message>
    <message>
        <location filename="../../ui/hub_view.py" line="331"/>
        <source>Offline: sizes are approximate; connect to see the exact files.</source>
        <translation>Offline: os tamanhos são aproximados; conecte-se para ver os arquivos exatos.</translation>
    </message>
    <message>
        <location filename="../../ui/hub_view.py" line="333"/>
        <source>Checking the Hub…</source>
        <translation>Consultando o Hub…</translation>
    </message>
    <message>
        <location filename="../../ui/hub_view.py" line="335"/>
        <source>The Hub cannot be reached: sizes are approximate; connect to see the exact files.</source>
        <translation>Não foi possível acessar o Hub: os tamanhos são aproximados; conecte-se para ver os arquivos exatos.</translation>
    </message>
    <message>
        <location filename="../../ui/hub_view.py" line="366"/>
        <source>Recommended for this computer</source>
        <translation>Recomendados para este computador</translation>
    </message>
    <message>
        <location filename="../../ui/hub_view.py" line="390"/>
        <source>Offline: the model card is not available.</source>
        <translation>Offline: o cartão do modelo não está disponível.</translation>
    </message>
    <message>
        <location filename="../../ui/hub_view.py" line="414"/>
        <source>Search results</source>
        <translation>Resultados da busca</translation>
    </message>
    <message>
        <location filename="../../ui/hub_view.py" line="416"/>
        <source>Searching…</source>
        <translation>Buscando…</translation>
    </message>
    <message>
        <location filename="../../ui/hub_view.py" line="425"/>
        <source>gated</source>
        <translation>restrito</translation>
    </message>
    <message>
        <location filename="../../ui/hub_view.py" line="425"/>
        <source>open</source>
        <translation>aberto</translation>
    </message>
    <message>
        <location filename="../../ui/hub_view.py" line="431"/>
        <source>%1 models found.</source>
        <translation>%1 modelos encontrados.</translation>
    </message>
    <message>
        <location filename="../../ui/hub_view.py" line="432"/>
        <source>No GGUF models match.</source>
        <translation>Nenhum modelo GGUF corresponde.</translation>
    </message>
    <message>
        <location filename="../../ui/hub_view.py" line="450"/>
        <source>Loading the files of %1…</source>
        <translation>Carregando os arquivos de %1…</translation>
    </message>
    <message>
        <location filename="../../ui/hub_recommended.py" line="35"/>
        <source>fits</source>
        <extracomment>The column that says whether a model fits (coloured by its rating).</extracomment>
        <translation>cabe</translation>
    </message>
    <message>
        <location filename="../../ui/hub_recommended.py" line="36"/>
        <source>tight</source>
        <translation>apertado</translation>
    </message>
    <message>
        <location filename="../../ui/hub_recommended.py" line="37"/>
        <source>too big</source>
        <translation>grande demais</translation>
    </message>
    <message>
        <location filename="../../ui/hub_view.py" line="471"/>
        <source>%1 parts</source>
        <translation>%1 partes</translation>
    </message>
    <message>
        <location filename="../../ui/hub_view.py" line="482"/>
        <source>Recommended: %1 (%2), the best quality that fits this computer comfortably with a %3-token context.</source>
        <translation>Recomendado: %1 (%2), a melhor qualidade que cabe com folga neste computador com um contexto de %3 tokens.</translation>
    </message>
    <message>
        <location filename="../../ui/hub_view.py" line="488"/>
        <source>No file of this model fits this computer comfortably.</source>
        <translation>Nenhum arquivo deste modelo cabe com folga neste computador.</translation>
    </message>
    <message>
        <location filename="../../ui/hub_view.py" line="490"/>
        <source>%1 files.</source>
        <translation>%1 arquivos.</translation>
    </message>
    <message>
        <location filename="../../ui/hub_view.py" line="521"/>
        <source>Hub settings</source>
        <translation>Configurações do Hub</translation>
    </message>
    <message>
        <location filename="../../ui/hub_view.py" line="522"/>
        <source>The Hub address must start with http:// or https://.</source>
        <translation>O endereço do Hub deve começar com http:// ou https://.</translation>
    </message>
</context>
<context>
    <name>JobRow</name>
    <message>
        <location filename="../../ui/downloads_view.py" line="51"/>
        <source>%1 (%2 parts)</source>
        <translation>%1 (%2 partes)</translation>
    </message>
    <message>
        <location filename="../../ui/downloads_view.py" line="59"/>
        <source>Pause</source>
        <translation>Pausar</translation>
    </message>
    <message>
        <location filename="../../ui/downloads_view.py" line="60"/>
        <location filename="../../ui/downloads_view.py" line="122"/>
        <source>Resume</source>
        <translation>Continuar</translation>
    </message>
    <message>
        <location filename="../../ui/downloads_view.py" line="61"/>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <location filename="../../ui/downloads_view.py" line="62"/>
        <source>Load</source>
        <translation>Carregar</translation>
    </message>
    <message>
        <location filename="../../ui/downloads_view.py" line="64"/>
        <source>Pause this download; it resumes where it stopped</source>
        <translation>Pausar este download; ele retoma de onde parou</translation>
    </message>
    <message>
        <location filename="../../ui/downloads_view.py" line="65"/>
        <source>Go on with this download from where it stopped</source>
        <translation>Continuar este download de onde parou</translation>
    </message>
    <message>
        <location filename="../../ui/downloads_view.py" line="66"/>
        <source>Stop this download and delete its unfinished files</source>
        <translation>Parar este download e excluir seus arquivos incompletos</translation>
    </message>
    <message>
        <location filename="../../ui/downloads_view.py" line="68"/>
        <source>Load the downloaded model to chat with it</source>
        <translation>Carregar o modelo baixado para conversar com ele</translation>
    </message>
    <message>
        <location filename="../../ui/downloads_view.py" line="93"/>
        <source>%1 of %2 · %3/s · %4 left</source>
        <translation>%1 de %2 · %3/s · faltam %4</translation>
    </message>
    <message>
        <location filename="../../ui/downloads_view.py" line="104"/>
        <source>Waiting…</source>
        <translation>Aguardando…</translation>
    </message>
    <message>
        <location filename="../../ui/downloads_view.py" line="105"/>
        <source>Paused</source>
        <translation>Pausado</translation>
    </message>
    <message>
        <location filename="../../ui/downloads_view.py" line="106"/>
        <source>Checking the SHA-256…</source>
        <translation>Conferindo o SHA-256…</translation>
    </message>
    <message>
        <location filename="../../ui/downloads_view.py" line="107"/>
        <source>Downloaded and verified</source>
        <translation>Baixado e verificado</translation>
    </message>
    <message>
        <location filename="../../ui/downloads_view.py" line="108"/>
        <source>Cancelled</source>
        <translation>Cancelado</translation>
    </message>
    <message>
        <location filename="../../ui/downloads_view.py" line="121"/>
        <source>Retry</source>
        <translation>Tentar de novo</translation>
    </message>
</context>
<context>
    <name>LearnDialog</name>
    <message>
        <location filename="../../ui/learn/dialog.py" line="47"/>
        <source>Learn</source>
        <extracomment>What the window gives the lessons when one starts: the setup, or why there is none.</extracomment>
        <translation>Aprender</translation>
    </message>
    <message>
        <location filename="../../ui/learn/dialog.py" line="55"/>
        <source>Each lesson runs on the model you chat with, in an engine process of its own.</source>
        <translation>Cada lição roda no modelo com que você conversa, num processo de motor próprio.</translation>
    </message>
    <message>
        <location filename="../../ui/learn/dialog.py" line="61"/>
        <source>Lessons</source>
        <translation>Lições</translation>
    </message>
    <message>
        <location filename="../../ui/learn/dialog.py" line="123"/>
        <source>Lessons run on %1, with the chat&apos;s engine settings, in an engine process of their own.</source>
        <translation>As lições rodam em %1, com as configurações de motor do chat, num processo de motor próprio.</translation>
    </message>
</context>
<context>
    <name>LessonPage</name>
    <message>
        <location filename="../../ui/learn/page.py" line="102"/>
        <source>Run again</source>
        <extracomment>The work a page asks for: runs on the lessons&apos; thread with the setup of the moment. Which lesson this page is. The lesson&apos;s result is shown (tests and screenshots wait for it). The lesson failed; its problem is shown.</extracomment>
        <translation>Rodar de novo</translation>
    </message>
    <message>
        <location filename="../../ui/learn/page.py" line="104"/>
        <source>Run this lesson on the model again</source>
        <translation>Rodar esta lição no modelo de novo</translation>
    </message>
    <message>
        <location filename="../../ui/learn/page.py" line="107"/>
        <source>Try it yourself</source>
        <translation>Experimente você mesmo</translation>
    </message>
    <message>
        <location filename="../../ui/learn/page.py" line="109"/>
        <source>Open the part of Prosa this lesson is about, filled in with what the lesson used</source>
        <translation>Abrir a parte do Prosa de que esta lição trata, preenchida com o que a lição usou</translation>
    </message>
    <message>
        <location filename="../../ui/learn/page.py" line="151"/>
        <source>Running on the model…</source>
        <translation>Rodando no modelo…</translation>
    </message>
</context>
<context>
    <name>LibraryView</name>
    <message>
        <location filename="../../ui/library_view.py" line="51"/>
        <source>Model</source>
        <extracomment>A newer scan makes an older one stale: its (older) list is never shown over it. The user asked to load this model (path). A scan finished (the entries), for the model menu and tests.</extracomment>
        <translation>Modelo</translation>
    </message>
    <message>
        <location filename="../../ui/library_view.py" line="51"/>
        <source>Architecture</source>
        <translation>Arquitetura</translation>
    </message>
    <message>
        <location filename="../../ui/library_view.py" line="51"/>
        <source>Parameters</source>
        <translation>Parâmetros</translation>
    </message>
    <message>
        <location filename="../../ui/library_view.py" line="52"/>
        <source>Quantization</source>
        <translation>Quantização</translation>
    </message>
    <message>
        <location filename="../../ui/library_view.py" line="52"/>
        <source>Context</source>
        <translation>Contexto</translation>
    </message>
    <message>
        <location filename="../../ui/library_view.py" line="52"/>
        <source>Size</source>
        <translation>Tamanho</translation>
    </message>
    <message>
        <location filename="../../ui/library_view.py" line="53"/>
        <source>Chat template</source>
        <translation>Template de chat</translation>
    </message>
    <message>
        <location filename="../../ui/library_view.py" line="53"/>
        <source>Source</source>
        <translation>Origem</translation>
    </message>
    <message>
        <location filename="../../ui/library_view.py" line="59"/>
        <source>Models on this computer</source>
        <translation>Modelos neste computador</translation>
    </message>
    <message>
        <location filename="../../ui/library_view.py" line="60"/>
        <source>Select a model to load, show or delete it; double-click loads it</source>
        <translation>Selecione um modelo para carregá-lo, mostrá-lo ou excluí-lo; um clique duplo o carrega</translation>
    </message>
    <message>
        <location filename="../../ui/library_view.py" line="66"/>
        <source>Add them</source>
        <translation>Adicionar</translation>
    </message>
    <message>
        <location filename="../../ui/library_view.py" line="67"/>
        <source>Add these folders to the library; the files stay where they are</source>
        <translation>Adicionar estas pastas à biblioteca; os arquivos ficam onde estão</translation>
    </message>
    <message>
        <location filename="../../ui/library_view.py" line="71"/>
        <source>Load</source>
        <translation>Carregar</translation>
    </message>
    <message>
        <location filename="../../ui/library_view.py" line="72"/>
        <source>Show in folder</source>
        <translation>Mostrar na pasta</translation>
    </message>
    <message>
        <location filename="../../ui/library_view.py" line="73"/>
        <source>Delete…</source>
        <translation>Excluir…</translation>
    </message>
    <message>
        <location filename="../../ui/library_view.py" line="74"/>
        <source>Add file…</source>
        <translation>Adicionar arquivo…</translation>
    </message>
    <message>
        <location filename="../../ui/library_view.py" line="75"/>
        <source>Add folder…</source>
        <translation>Adicionar pasta…</translation>
    </message>
    <message>
        <location filename="../../ui/library_view.py" line="76"/>
        <source>Remove from list</source>
        <translation>Tirar da lista</translation>
    </message>
    <message>
        <location filename="../../ui/library_view.py" line="78"/>
        <source>Load the selected model to chat with it</source>
        <translation>Carregar o modelo selecionado para conversar com ele</translation>
    </message>
    <message>
        <location filename="../../ui/library_view.py" line="79"/>
        <source>Open the folder that holds the selected model</source>
        <translation>Abrir a pasta que contém o modelo selecionado</translation>
    </message>
    <message>
        <location filename="../../ui/library_view.py" line="80"/>
        <source>Delete the selected model&apos;s file from this computer</source>
        <translation>Excluir deste computador o arquivo do modelo selecionado</translation>
    </message>
    <message>
        <location filename="../../ui/library_view.py" line="82"/>
        <source>Add a GGUF file from elsewhere; it is used where it is, never copied</source>
        <translation>Adicionar um arquivo GGUF de outro lugar; ele é usado onde está, nunca copiado</translation>
    </message>
    <message>
        <location filename="../../ui/library_view.py" line="84"/>
        <source>Add a folder of GGUF files; they are used where they are, never copied</source>
        <translation>Adicionar uma pasta de arquivos GGUF; eles são usados onde estão, nunca copiados</translation>
    </message>
    <message>
        <location filename="../../ui/library_view.py" line="88"/>
        <source>Forget a file or folder you added; the files themselves stay where they are.</source>
        <translation>Esquece um arquivo ou pasta que você adicionou; os arquivos continuam onde estão.</translation>
    </message>
    <message>
        <location filename="../../ui/library_view.py" line="121"/>
        <source>Looking for models…</source>
        <translation>Procurando modelos…</translation>
    </message>
    <message>
        <location filename="../../ui/library_view.py" line="132"/>
        <source>%1 models</source>
        <translation>%1 modelos</translation>
    </message>
    <message>
        <location filename="../../ui/library_view.py" line="135"/>
        <source>Models from other apps were found: %1. Add them to the library? They are used where they are, never copied.</source>
        <translation>Foram encontrados modelos de outros apps: %1. Adicioná-los à biblioteca? Eles são usados onde estão, nunca copiados.</translation>
    </message>
    <message>
        <location filename="../../ui/library_view.py" line="143"/>
        <source>built in</source>
        <translation>embutido</translation>
    </message>
    <message>
        <location filename="../../ui/library_view.py" line="143"/>
        <source>downloaded</source>
        <translation>baixado</translation>
    </message>
    <message>
        <location filename="../../ui/library_view.py" line="144"/>
        <source>added (used in place)</source>
        <translation>adicionado (usado no lugar)</translation>
    </message>
    <message>
        <location filename="../../ui/library_view.py" line="158"/>
        <source>yes</source>
        <translation>sim</translation>
    </message>
    <message>
        <location filename="../../ui/library_view.py" line="158"/>
        <source>no</source>
        <translation>não</translation>
    </message>
    <message>
        <location filename="../../ui/library_view.py" line="199"/>
        <source>Cannot load</source>
        <translation>Não é possível carregar</translation>
    </message>
    <message>
        <location filename="../../ui/library_view.py" line="216"/>
        <source>Delete model</source>
        <translation>Excluir modelo</translation>
    </message>
    <message>
        <location filename="../../ui/library_view.py" line="217"/>
        <source>Delete %1 (%2) from this computer? This cannot be undone.</source>
        <translation>Excluir %1 (%2) deste computador? Isso não pode ser desfeito.</translation>
    </message>
    <message>
        <location filename="../../ui/library_view.py" line="225"/>
        <source>Add a GGUF model</source>
        <translation>Adicionar um modelo GGUF</translation>
    </message>
    <message>
        <location filename="../../ui/library_view.py" line="226"/>
        <source>GGUF models (*.gguf)</source>
        <translation>Modelos GGUF (*.gguf)</translation>
    </message>
    <message>
        <location filename="../../ui/library_view.py" line="232"/>
        <source>Add a folder of models</source>
        <translation>Adicionar uma pasta de modelos</translation>
    </message>
    <message>
        <location filename="../../ui/library_view.py" line="260"/>
        <location filename="../../ui/library_view.py" line="262"/>
        <source>Models</source>
        <translation>Modelos</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/main_window.py" line="138"/>
        <source>Time to answer.</source>
        <extracomment>Quiet time after the last keystroke before the engine counts the draft and reads it ahead: in the pauses of typing, not on every key. A model file given on the command line: loaded instead of the last one. Remote servers (their list and keys): a model may be one of theirs.</extracomment>
        <translation>Hora de responder.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="218"/>
        <location filename="../../ui/main_window.py" line="417"/>
        <source>Send</source>
        <translation>Enviar</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="221"/>
        <source>Send the message (Enter)</source>
        <translation>Enviar a mensagem (Enter)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="223"/>
        <source>Stop</source>
        <translation>Parar</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="225"/>
        <source>Stop the reply (Esc)</source>
        <translation>Parar a resposta (Esc)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="228"/>
        <source>Inspect…</source>
        <translation>Inspecionar…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="231"/>
        <source>Show the exact prompt and tokens the model would read if you sent this message</source>
        <translation>Mostra o prompt exato e os tokens que o modelo leria se você enviasse esta mensagem</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="256"/>
        <source>System prompt</source>
        <translation>Prompt de sistema</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="257"/>
        <source>Sampling</source>
        <translation>Amostragem</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="264"/>
        <source>Engine</source>
        <translation>Motor</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="266"/>
        <source>Thinking</source>
        <translation>Raciocínio</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="407"/>
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
        <location filename="../../ui/main_window.py" line="417"/>
        <source>Continue</source>
        <translation>Continuar</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="420"/>
        <source>Write the beginning of a text; the model continues it</source>
        <translation>Escreva o começo de um texto; o modelo o continua</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="421"/>
        <source>Message the model (Enter to send, Shift+Enter for a new line)</source>
        <translation>Mensagem para o modelo (Enter envia, Shift+Enter quebra a linha)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="498"/>
        <source>New chats will start with this system prompt.</source>
        <translation>As novas conversas vão começar com este prompt de sistema.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="507"/>
        <source>Could not save settings: %1</source>
        <translation>Não foi possível salvar as configurações: %1</translation>
    </message>
</context>
<context>
    <name>McpServersDialog</name>
    <message>
        <location filename="../../ui/tools/mcp_servers_dialog.py" line="85"/>
        <source>MCP servers</source>
        <extracomment>Seconds a call may take, as the form offers them. Characters a header&apos;s name may not contain (RFC 9110 tokens have none of these).</extracomment>
        <translation>Servidores MCP</translation>
    </message>
    <message>
        <location filename="../../ui/tools/mcp_servers_dialog.py" line="94"/>
        <source>Servers give the model more tools. Turn on the ones you use here, then choose their tools per conversation in the Tools panel.</source>
        <translation>Servidores dão mais ferramentas ao modelo. Ligue aqui os que você usa e depois escolha as ferramentas deles em cada conversa, no painel Ferramentas.</translation>
    </message>
    <message>
        <location filename="../../ui/tools/mcp_servers_dialog.py" line="106"/>
        <source>Keep these servers</source>
        <translation>Guardar estes servidores</translation>
    </message>
    <message>
        <location filename="../../ui/tools/mcp_servers_dialog.py" line="126"/>
        <source>Servers</source>
        <translation>Servidores</translation>
    </message>
    <message>
        <location filename="../../ui/tools/mcp_servers_dialog.py" line="127"/>
        <source>Tick a server to turn it on; turned-off servers keep their settings</source>
        <translation>Marque um servidor para ligá-lo; servidores desligados guardam suas configurações</translation>
    </message>
    <message>
        <location filename="../../ui/tools/mcp_servers_dialog.py" line="132"/>
        <source>Add</source>
        <translation>Adicionar</translation>
    </message>
    <message>
        <location filename="../../ui/tools/mcp_servers_dialog.py" line="134"/>
        <source>Add a server</source>
        <translation>Adicionar um servidor</translation>
    </message>
    <message>
        <location filename="../../ui/tools/mcp_servers_dialog.py" line="136"/>
        <source>Remove</source>
        <translation>Remover</translation>
    </message>
    <message>
        <location filename="../../ui/tools/mcp_servers_dialog.py" line="138"/>
        <source>Remove the chosen server</source>
        <translation>Remover o servidor escolhido</translation>
    </message>
    <message>
        <location filename="../../ui/tools/mcp_servers_dialog.py" line="154"/>
        <source>Shown on the card of every call to its tools</source>
        <translation>Aparece no cartão de cada chamada às ferramentas dele</translation>
    </message>
    <message>
        <location filename="../../ui/tools/mcp_servers_dialog.py" line="157"/>
        <source>A program on this computer (stdio)</source>
        <translation>Um programa neste computador (stdio)</translation>
    </message>
    <message>
        <location filename="../../ui/tools/mcp_servers_dialog.py" line="158"/>
        <source>A web address (streamable HTTP)</source>
        <translation>Um endereço na web (HTTP com streaming)</translation>
    </message>
    <message>
        <location filename="../../ui/tools/mcp_servers_dialog.py" line="159"/>
        <source>How Prosa reaches the server: a program it starts, or an address on the web</source>
        <translation>Como o Prosa chega ao servidor: um programa que ele inicia ou um endereço na web</translation>
    </message>
    <message>
        <location filename="../../ui/tools/mcp_servers_dialog.py" line="162"/>
        <source>⚠ A program server runs on this computer with your rights: it can read and change your files. Add only programs you trust.</source>
        <translation>⚠ Um servidor do tipo programa roda neste computador com as suas permissões: ele pode ler e alterar seus arquivos. Adicione só programas em que você confia.</translation>
    </message>
    <message>
        <location filename="../../ui/tools/mcp_servers_dialog.py" line="169"/>
        <source>for example: npx, uvx, python</source>
        <translation>por exemplo: npx, uvx, python</translation>
    </message>
    <message>
        <location filename="../../ui/tools/mcp_servers_dialog.py" line="170"/>
        <source>The program to start; it speaks MCP on its standard input and output</source>
        <translation>O programa a iniciar; ele fala MCP pela entrada e saída padrão</translation>
    </message>
    <message>
        <location filename="../../ui/tools/mcp_servers_dialog.py" line="175"/>
        <location filename="../../ui/tools/mcp_servers_dialog.py" line="176"/>
        <location filename="../../ui/tools/mcp_servers_dialog.py" line="362"/>
        <source>Choose the program</source>
        <translation>Escolher o programa</translation>
    </message>
    <message>
        <location filename="../../ui/tools/mcp_servers_dialog.py" line="184"/>
        <source>as in a terminal: quotes group words</source>
        <translation>como num terminal: aspas agrupam palavras</translation>
    </message>
    <message>
        <location filename="../../ui/tools/mcp_servers_dialog.py" line="185"/>
        <source>The program&apos;s arguments on one line; put an argument with spaces in quotes</source>
        <translation>Os argumentos do programa numa linha; ponha entre aspas um argumento com espaços</translation>
    </message>
    <message>
        <location filename="../../ui/tools/mcp_servers_dialog.py" line="187"/>
        <source>Variable</source>
        <translation>Variável</translation>
    </message>
    <message>
        <location filename="../../ui/tools/mcp_servers_dialog.py" line="187"/>
        <location filename="../../ui/tools/mcp_servers_dialog.py" line="195"/>
        <source>Value</source>
        <translation>Valor</translation>
    </message>
    <message>
        <location filename="../../ui/tools/mcp_servers_dialog.py" line="189"/>
        <source>Environment variables added for the program (an API key ...); values of secrets are masked</source>
        <translation>Variáveis de ambiente acrescentadas para o programa (uma chave de API ...); valores secretos ficam ocultos</translation>
    </message>
    <message>
        <location filename="../../ui/tools/mcp_servers_dialog.py" line="194"/>
        <source>The server&apos;s MCP endpoint</source>
        <translation>O endpoint MCP do servidor</translation>
    </message>
    <message>
        <location filename="../../ui/tools/mcp_servers_dialog.py" line="195"/>
        <source>Header</source>
        <translation>Cabeçalho</translation>
    </message>
    <message>
        <location filename="../../ui/tools/mcp_servers_dialog.py" line="197"/>
        <source>Headers sent with every request (Authorization ...); values of secrets are masked</source>
        <translation>Cabeçalhos enviados em cada requisição (Authorization ...); valores secretos ficam ocultos</translation>
    </message>
    <message>
        <location filename="../../ui/tools/mcp_servers_dialog.py" line="200"/>
        <source>Tokens in headers and variables are kept in your settings folder, readable only by you, and sent only to this server.</source>
        <translation>Tokens em cabeçalhos e variáveis ficam na sua pasta de configurações, legíveis só por você, e são enviados só a este servidor.</translation>
    </message>
    <message>
        <location filename="../../ui/tools/mcp_servers_dialog.py" line="209"/>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <location filename="../../ui/tools/mcp_servers_dialog.py" line="210"/>
        <source>How long a call may take before it is given up (a server that hangs)</source>
        <translation>Quanto tempo uma chamada pode levar antes de ser abandonada (um servidor que trava)</translation>
    </message>
    <message>
        <location filename="../../ui/tools/mcp_servers_dialog.py" line="214"/>
        <source>Name</source>
        <translation>Nome</translation>
    </message>
    <message>
        <location filename="../../ui/tools/mcp_servers_dialog.py" line="215"/>
        <source>Kind</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <location filename="../../ui/tools/mcp_servers_dialog.py" line="217"/>
        <source>Program</source>
        <translation>Programa</translation>
    </message>
    <message>
        <location filename="../../ui/tools/mcp_servers_dialog.py" line="218"/>
        <source>Arguments</source>
        <translation>Argumentos</translation>
    </message>
    <message>
        <location filename="../../ui/tools/mcp_servers_dialog.py" line="219"/>
        <source>Environment</source>
        <translation>Ambiente</translation>
    </message>
    <message>
        <location filename="../../ui/tools/mcp_servers_dialog.py" line="220"/>
        <source>Address</source>
        <translation>Endereço</translation>
    </message>
    <message>
        <location filename="../../ui/tools/mcp_servers_dialog.py" line="221"/>
        <source>Headers</source>
        <translation>Cabeçalhos</translation>
    </message>
    <message>
        <location filename="../../ui/tools/mcp_servers_dialog.py" line="222"/>
        <source>Time limit</source>
        <translation>Tempo limite</translation>
    </message>
    <message>
        <location filename="../../ui/tools/mcp_servers_dialog.py" line="241"/>
        <source>No server yet. Add one with Add: a program such as an MCP file server, or the address of one on the web.</source>
        <translation>Ainda não há servidores. Adicione um com Adicionar: um programa, como um servidor MCP de arquivos, ou o endereço de um na web.</translation>
    </message>
    <message>
        <location filename="../../ui/tools/mcp_servers_dialog.py" line="257"/>
        <source>program</source>
        <translation>programa</translation>
    </message>
    <message>
        <location filename="../../ui/tools/mcp_servers_dialog.py" line="274"/>
        <source>New server</source>
        <translation>Novo servidor</translation>
    </message>
    <message>
        <location filename="../../ui/tools/mcp_servers_dialog.py" line="378"/>
        <source>Each server needs a name.</source>
        <translation>Cada servidor precisa de um nome.</translation>
    </message>
    <message>
        <location filename="../../ui/tools/mcp_servers_dialog.py" line="381"/>
        <source>Two servers are named “%1”: each needs a name of its own.</source>
        <translation>Dois servidores se chamam “%1”: cada um precisa de um nome próprio.</translation>
    </message>
    <message>
        <location filename="../../ui/tools/mcp_servers_dialog.py" line="392"/>
        <source>“%1”: the program to start is missing.</source>
        <translation>“%1”: falta o programa a iniciar.</translation>
    </message>
    <message>
        <location filename="../../ui/tools/mcp_servers_dialog.py" line="396"/>
        <source>“%1”: the arguments have a quote that is not closed.</source>
        <translation>“%1”: os argumentos têm aspas que não foram fechadas.</translation>
    </message>
    <message>
        <location filename="../../ui/tools/mcp_servers_dialog.py" line="399"/>
        <source>“%1”: an environment variable has a value but no name, or a name with “=” or a space.</source>
        <translation>“%1”: uma variável de ambiente tem valor mas não tem nome, ou tem “=” ou um espaço no nome.</translation>
    </message>
    <message>
        <location filename="../../ui/tools/mcp_servers_dialog.py" line="406"/>
        <source>“%1”: the address must start with http:// or https:// and name a server.</source>
        <translation>“%1”: o endereço precisa começar com http:// ou https:// e indicar um servidor.</translation>
    </message>
    <message>
        <location filename="../../ui/tools/mcp_servers_dialog.py" line="410"/>
        <source>“%1”: a header has a value but no name, or a name with a space, a colon or another sign headers cannot have.</source>
        <translation>“%1”: um cabeçalho tem valor mas não tem nome, ou tem no nome um espaço, dois-pontos ou outro sinal que cabeçalhos não podem ter.</translation>
    </message>
</context>
<context>
    <name>MessageList</name>
    <message>
        <location filename="../../ui/learn/chat_views.py" line="90"/>
        <source>system</source>
        <translation>sistema</translation>
    </message>
    <message>
        <location filename="../../ui/learn/chat_views.py" line="90"/>
        <source>user</source>
        <translation>usuário</translation>
    </message>
    <message>
        <location filename="../../ui/learn/chat_views.py" line="91"/>
        <source>assistant</source>
        <translation>assistente</translation>
    </message>
    <message>
        <location filename="../../ui/learn/chat_views.py" line="91"/>
        <source>tool</source>
        <translation>ferramenta</translation>
    </message>
    <message>
        <location filename="../../ui/learn/chat_views.py" line="96"/>
        <source>the instructions: who the assistant is and how it answers; the user does not see them in the chat</source>
        <translation>as instruções: quem o assistente é e como responde; o usuário não as vê no chat</translation>
    </message>
    <message>
        <location filename="../../ui/learn/chat_views.py" line="98"/>
        <source>what the person types</source>
        <translation>o que a pessoa digita</translation>
    </message>
    <message>
        <location filename="../../ui/learn/chat_views.py" line="99"/>
        <source>what the model wrote (earlier replies are read again with every new message)</source>
        <translation>o que o modelo escreveu (as respostas anteriores são lidas de novo a cada nova mensagem)</translation>
    </message>
    <message>
        <location filename="../../ui/learn/chat_views.py" line="101"/>
        <source>a tool&apos;s result, given back to the model</source>
        <translation>o resultado de uma ferramenta, devolvido ao modelo</translation>
    </message>
    <message>
        <location filename="../../ui/learn/chat_views.py" line="120"/>
        <source>1 token</source>
        <translation>1 token</translation>
    </message>
    <message>
        <location filename="../../ui/learn/chat_views.py" line="121"/>
        <source>%1 tokens</source>
        <translation>%1 tokens</translation>
    </message>
</context>
<context>
    <name>ModelPicker</name>
    <message>
        <location filename="../../ui/model_picker.py" line="41"/>
        <source>The model that answers: on this computer, or on a server you added in Remote servers</source>
        <extracomment>The user chose a model: a path or remote reference, or a BundledModel still to be prepared. The menu is about to open (the window lists remote servers again). &quot;Remote servers…&quot; was chosen.</extracomment>
        <translation>O modelo que responde: neste computador ou em um servidor que você adicionou em Servidores remotos</translation>
    </message>
    <message>
        <location filename="../../ui/model_picker.py" line="75"/>
        <source>%1 (built in)</source>
        <translation>%1 (embutido)</translation>
    </message>
    <message>
        <location filename="../../ui/model_picker.py" line="96"/>
        <source>Open GGUF file…</source>
        <translation>Abrir arquivo GGUF…</translation>
    </message>
    <message>
        <location filename="../../ui/model_picker.py" line="97"/>
        <source>Remote servers…</source>
        <translation>Servidores remotos…</translation>
    </message>
    <message>
        <location filename="../../ui/model_picker.py" line="99"/>
        <source>Add a server that runs models (llama-server, vLLM, Ollama, LM Studio) and choose its models here</source>
        <translation>Adicione um servidor que roda modelos (llama-server, vLLM, Ollama, LM Studio) e escolha os modelos dele aqui</translation>
    </message>
    <message>
        <location filename="../../ui/model_picker.py" line="132"/>
        <source>Open a GGUF model</source>
        <translation>Abrir um modelo GGUF</translation>
    </message>
    <message>
        <location filename="../../ui/model_picker.py" line="133"/>
        <source>GGUF models (*.gguf);;All files (*)</source>
        <translation>Modelos GGUF (*.gguf);;Todos os arquivos (*)</translation>
    </message>
</context>
<context>
    <name>ModelsDialog</name>
    <message>
        <location filename="../../ui/models_dialog.py" line="27"/>
        <source>Models</source>
        <extracomment>The Hub settings (endpoint, token, offline) changed: the new Settings.</extracomment>
        <translation>Modelos</translation>
    </message>
    <message>
        <location filename="../../ui/models_dialog.py" line="32"/>
        <source>On this computer</source>
        <translation>Neste computador</translation>
    </message>
    <message>
        <location filename="../../ui/models_dialog.py" line="33"/>
        <source>Hugging Face Hub</source>
        <translation>Hugging Face Hub</translation>
    </message>
    <message>
        <location filename="../../ui/models_dialog.py" line="34"/>
        <source>Downloads</source>
        <translation>Downloads</translation>
    </message>
    <message>
        <location filename="../../ui/models_dialog.py" line="37"/>
        <source>Close this window; downloads go on</source>
        <translation>Fechar esta janela; os downloads continuam</translation>
    </message>
</context>
<context>
    <name>NBestDialog</name>
    <message>
        <location filename="../../ui/token_view.py" line="120"/>
        <source>Beam search candidates</source>
        <translation>Candidatas da busca em feixe</translation>
    </message>
    <message>
        <location filename="../../ui/token_view.py" line="124"/>
        <source>The replies beam search found, best first. Total log-probability: closer to 0 is likelier; the score divides it by a length factor so long and short replies compare fairly.</source>
        <translation>As respostas que a busca em feixe encontrou, da melhor para a pior. Log-probabilidade total: mais perto de 0 é mais provável; a pontuação a divide por um fator de tamanho, para comparar respostas longas e curtas de forma justa.</translation>
    </message>
    <message>
        <location filename="../../ui/token_view.py" line="131"/>
        <source>log-probability %1 · score %2
%3</source>
        <translation>log-probabilidade %1 · pontuação %2
%3</translation>
    </message>
    <message>
        <location filename="../../ui/token_view.py" line="140"/>
        <source>Keep this reply</source>
        <translation>Manter esta resposta</translation>
    </message>
</context>
<context>
    <name>NextTokenPage</name>
    <message>
        <location filename="../../ui/learn/next_token_page.py" line="29"/>
        <source>Predicting the next token, and where a reply ends</source>
        <translation>Prevendo o próximo token, e onde a resposta termina</translation>
    </message>
    <message>
        <location filename="../../ui/learn/next_token_page.py" line="33"/>
        <source>A model does one thing, again and again: given all the text so far, it gives &lt;b&gt;every token&lt;/b&gt; of its vocabulary a &lt;b&gt;probability&lt;/b&gt; of coming next. One token is picked, added to the text, and the model is asked again. A reply ends when the model picks its &lt;b&gt;end token&lt;/b&gt;, or when it reaches the most tokens it may write. Here the pick is always the most likely token (&lt;i&gt;greedy&lt;/i&gt; decoding).</source>
        <translation>Um modelo faz uma só coisa, de novo e de novo: dado todo o texto até aqui, ele dá a &lt;b&gt;cada token&lt;/b&gt; do seu vocabulário uma &lt;b&gt;probabilidade&lt;/b&gt; de vir em seguida. Um token é escolhido, acrescentado ao texto, e o modelo é consultado de novo. A resposta termina quando o modelo escolhe o seu &lt;b&gt;token de fim&lt;/b&gt;, ou quando chega ao máximo de tokens que pode escrever. Aqui a escolha é sempre o token mais provável (decodificação &lt;i&gt;gulosa&lt;/i&gt;).</translation>
    </message>
    <message>
        <location filename="../../ui/learn/next_token_page.py" line="41"/>
        <source>Your question:</source>
        <translation>Sua pergunta:</translation>
    </message>
    <message>
        <location filename="../../ui/learn/next_token_page.py" line="44"/>
        <source>Question for the model</source>
        <translation>Pergunta para o modelo</translation>
    </message>
    <message>
        <location filename="../../ui/learn/next_token_page.py" line="48"/>
        <source>The first token of the reply</source>
        <translation>O primeiro token da resposta</translation>
    </message>
    <message>
        <location filename="../../ui/learn/next_token_page.py" line="50"/>
        <source>The ten tokens the model found most likely to start its reply, of all the tokens it knows. The rest share what is left.</source>
        <translation>Os dez tokens, entre todos os que o modelo conhece, que ele achou mais prováveis para começar a resposta. Os demais dividem o que sobra.</translation>
    </message>
    <message>
        <location filename="../../ui/learn/next_token_page.py" line="56"/>
        <source>The whole reply, token by token</source>
        <translation>A resposta inteira, token por token</translation>
    </message>
    <message>
        <location filename="../../ui/learn/next_token_page.py" line="58"/>
        <source>Each token is shaded by how likely the model found it when it chose it: green when it was sure, red when it hesitated. Hold the pointer over a token to see what else it weighed. The last chip is the end token.</source>
        <translation>Cada token tem a cor da probabilidade que o modelo lhe deu quando o escolheu: verde quando estava seguro, vermelho quando hesitou. Pare o ponteiro sobre um token para ver o que mais ele considerou. A última etiqueta é o token de fim.</translation>
    </message>
    <message>
        <location filename="../../ui/learn/next_token_page.py" line="65"/>
        <source>Where the reply ends</source>
        <translation>Onde a resposta termina</translation>
    </message>
    <message>
        <location filename="../../ui/learn/next_token_page.py" line="111"/>
        <source>end token</source>
        <translation>token de fim</translation>
    </message>
    <message>
        <location filename="../../ui/learn/next_token_page.py" line="113"/>
        <source>chosen</source>
        <translation>escolhido</translation>
    </message>
    <message>
        <location filename="../../ui/learn/next_token_page.py" line="117"/>
        <source>“%1”: %2 likely. The model also weighed:</source>
        <translation>“%1”: %2 de probabilidade. O modelo também considerou:</translation>
    </message>
    <message>
        <location filename="../../ui/learn/next_token_page.py" line="128"/>
        <source>After “%1”, the most likely next token was &lt;b&gt;%2&lt;/b&gt;, the model&apos;s end token, at %3. Picking it ends the reply: the finish reason is &lt;i&gt;stop&lt;/i&gt;, the model chose to end. The end token is never shown in a reply; the chat template uses it to close the assistant&apos;s turn. Below, the candidates at that step.</source>
        <translation>Depois de “%1”, o próximo token mais provável era &lt;b&gt;%2&lt;/b&gt;, o token de fim do modelo, com %3. Escolhê-lo termina a resposta: o motivo do fim é &lt;i&gt;stop&lt;/i&gt; (parada), o modelo escolheu terminar. O token de fim nunca aparece na resposta; o template de chat o usa para fechar a vez do assistente. Abaixo, os candidatos nesse passo.</translation>
    </message>
    <message>
        <location filename="../../ui/learn/next_token_page.py" line="138"/>
        <source>The reply reached this lesson&apos;s limit of %1 tokens and was cut: the finish reason is &lt;i&gt;length&lt;/i&gt;, the model did not choose to end.</source>
        <translation>A resposta chegou ao limite de %1 tokens desta lição e foi cortada: o motivo do fim é &lt;i&gt;length&lt;/i&gt; (tamanho), o modelo não escolheu terminar.</translation>
    </message>
    <message>
        <location filename="../../ui/learn/next_token_page.py" line="142"/>
        <source>The reply ended for another reason: %1.</source>
        <translation>A resposta terminou por outro motivo: %1.</translation>
    </message>
    <message>
        <location filename="../../ui/learn/next_token_page.py" line="145"/>
        <source>At the next step, its end token %1 had %2.</source>
        <translation>No passo seguinte, o seu token de fim %1 tinha %2.</translation>
    </message>
</context>
<context>
    <name>PairsTable</name>
    <message>
        <location filename="../../ui/tools/pairs_table.py" line="88"/>
        <source>Add</source>
        <extracomment>Names whose values are secrets (case-insensitive, anywhere in the name).</extracomment>
        <translation>Adicionar</translation>
    </message>
    <message>
        <location filename="../../ui/tools/pairs_table.py" line="89"/>
        <source>Add a row</source>
        <translation>Adicionar uma linha</translation>
    </message>
    <message>
        <location filename="../../ui/tools/pairs_table.py" line="91"/>
        <source>Remove</source>
        <translation>Remover</translation>
    </message>
    <message>
        <location filename="../../ui/tools/pairs_table.py" line="92"/>
        <source>Remove the chosen rows</source>
        <translation>Remover as linhas escolhidas</translation>
    </message>
</context>
<context>
    <name>PreferencesDialog</name>
    <message>
        <location filename="../../ui/desktop/preferences.py" line="55"/>
        <source>Preferences</source>
        <extracomment>The settings as the dialog says (emitted on Apply and on OK).</extracomment>
        <translation>Preferências</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/preferences.py" line="60"/>
        <source>General</source>
        <translation>Geral</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/preferences.py" line="61"/>
        <source>Hugging Face Hub</source>
        <translation>Hugging Face Hub</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/preferences.py" line="62"/>
        <source>Folders</source>
        <translation>Pastas</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/preferences.py" line="63"/>
        <source>Engine</source>
        <translation>Motor</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/preferences.py" line="66"/>
        <source>Remote servers</source>
        <translation>Servidores remotos</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/preferences.py" line="79"/>
        <source>Use these preferences and close</source>
        <translation>Usar estas preferências e fechar</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/preferences.py" line="81"/>
        <source>Use these preferences and keep this window open</source>
        <translation>Usar estas preferências e manter esta janela aberta</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/preferences.py" line="83"/>
        <source>Close without changing anything</source>
        <translation>Fechar sem mudar nada</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/preferences.py" line="115"/>
        <source>The system&apos;s language</source>
        <translation>O idioma do sistema</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/preferences.py" line="120"/>
        <source>The language of Prosa&apos;s window; used from the next start</source>
        <translation>O idioma da janela do Prosa; vale a partir da próxima vez que abrir</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/preferences.py" line="122"/>
        <source>Prosa speaks the new language from its next start.</source>
        <translation>O Prosa fala o novo idioma a partir da próxima vez que abrir.</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/preferences.py" line="131"/>
        <source>Follow the system</source>
        <translation>Seguir o sistema</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/preferences.py" line="132"/>
        <source>Light</source>
        <translation>Claro</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/preferences.py" line="133"/>
        <source>Dark</source>
        <translation>Escuro</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/preferences.py" line="136"/>
        <source>Light or dark colours, or whatever the desktop uses</source>
        <translation>Cores claras ou escuras, ou as que a área de trabalho usar</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/preferences.py" line="137"/>
        <source>Tell me when a download or a long reply ends while Prosa is in the background</source>
        <translation>Avisar quando um download ou uma resposta longa terminar com o Prosa em segundo plano</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/preferences.py" line="141"/>
        <source>A desktop notification, through the system tray where there is one</source>
        <translation>Uma notificação na área de trabalho, pela bandeja do sistema quando houver uma</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/preferences.py" line="143"/>
        <source>Show the tour of the settings panel again</source>
        <translation>Mostrar de novo o tour do painel de configurações</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/preferences.py" line="145"/>
        <source>The short tour returns the next time Prosa starts</source>
        <translation>O tour curto volta na próxima vez que o Prosa abrir</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/preferences.py" line="147"/>
        <source>Language</source>
        <translation>Idioma</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/preferences.py" line="149"/>
        <source>Theme</source>
        <translation>Tema</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/preferences.py" line="159"/>
        <source>The Hugging Face Hub, or a mirror of it</source>
        <translation>O Hugging Face Hub, ou um espelho dele</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/preferences.py" line="163"/>
        <source>hf_… (only for gated and private models)</source>
        <translation>hf_… (só para modelos restritos e privados)</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/preferences.py" line="164"/>
        <source>An access token from your Hugging Face account; kept in the settings file, readable by you only</source>
        <translation>Um token de acesso da sua conta no Hugging Face; guardado no arquivo de configurações, legível só por você</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/preferences.py" line="166"/>
        <source>Offline: never use the network</source>
        <translation>Offline: nunca usar a rede</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/preferences.py" line="169"/>
        <source>Prosa makes no network request at all; the Hub shows its recommendations without searching</source>
        <translation>O Prosa não faz nenhuma requisição de rede; o Hub mostra suas recomendações sem buscar</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/preferences.py" line="171"/>
        <source>Connections use the system proxy from the HTTPS_PROXY and NO_PROXY environment variables.</source>
        <translation>As conexões usam o proxy do sistema das variáveis de ambiente HTTPS_PROXY e NO_PROXY.</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/preferences.py" line="174"/>
        <source>Hub address</source>
        <translation>Endereço do Hub</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/preferences.py" line="175"/>
        <source>Access token</source>
        <translation>Token de acesso</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/preferences.py" line="183"/>
        <source>Conversations and data</source>
        <translation>Conversas e dados</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/preferences.py" line="183"/>
        <source>Settings</source>
        <translation>Configurações</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/preferences.py" line="184"/>
        <source>Cache</source>
        <translation>Cache</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/preferences.py" line="184"/>
        <source>Logs</source>
        <translation>Registros</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/preferences.py" line="191"/>
        <source>Where downloaded models are kept; empty for the data folder&apos;s own. Used from the next start.</source>
        <translation>Onde os modelos baixados ficam; vazio para a pasta de dados padrão. Vale a partir da próxima vez que abrir.</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/preferences.py" line="196"/>
        <location filename="../../ui/desktop/preferences.py" line="197"/>
        <source>Choose the models folder</source>
        <translation>Escolher a pasta de modelos</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/preferences.py" line="205"/>
        <source>Models</source>
        <translation>Modelos</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/preferences.py" line="213"/>
        <source>Open</source>
        <translation>Abrir</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/preferences.py" line="215"/>
        <source>Show this folder in the file manager</source>
        <translation>Mostra esta pasta no gerenciador de arquivos</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/preferences.py" line="234"/>
        <source>How many tokens a model can see at once; more uses more memory</source>
        <translation>Quantos tokens o modelo enxerga de uma vez; mais usa mais memória</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/preferences.py" line="239"/>
        <source>all</source>
        <translation>todas</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/preferences.py" line="241"/>
        <source>Layers to run on the GPU (needs a GPU build of llama.cpp); 0 runs on the CPU only</source>
        <translation>Camadas a rodar na GPU (requer uma versão do llama.cpp com GPU); 0 roda só na CPU</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/preferences.py" line="246"/>
        <source>automatic</source>
        <translation>automático</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/preferences.py" line="248"/>
        <source>Processor threads for the model; automatic uses the physical cores</source>
        <translation>Threads do processador para o modelo; automático usa os núcleos físicos</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/preferences.py" line="250"/>
        <source>Read ahead while I type</source>
        <translation>Ler adiantado enquanto eu digito</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/preferences.py" line="253"/>
        <source>The model reads the conversation and your draft while you type, so replies start sooner</source>
        <translation>O modelo lê a conversa e o seu rascunho enquanto você digita, para as respostas começarem antes</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/preferences.py" line="259"/>
        <source> MB</source>
        <translation> MB</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/preferences.py" line="260"/>
        <source>Automatic</source>
        <translation>Automático</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/preferences.py" line="264"/>
        <source>Memory for the conversations switched between most recently, so going back to one reads no file. 0 keeps them on disk only; Automatic uses a thirty-second of the memory, up to 512 MB.</source>
        <translation>Memória para as conversas entre as quais você alternou por último, para que voltar a uma não leia nenhum arquivo. 0 as guarda só no disco; Automático usa um trinta e dois avos da memória, até 512 MB.</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/preferences.py" line="267"/>
        <source>A loaded model keeps its settings until it is loaded again.</source>
        <translation>Um modelo carregado mantém suas configurações até ser carregado de novo.</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/preferences.py" line="269"/>
        <source>Context length</source>
        <translation>Tamanho do contexto</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/preferences.py" line="270"/>
        <source>GPU layers</source>
        <translation>Camadas na GPU</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/preferences.py" line="271"/>
        <source>CPU threads</source>
        <translation>Threads da CPU</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/preferences.py" line="273"/>
        <source>Conversations kept ready in memory</source>
        <translation>Conversas mantidas prontas na memória</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/preferences.py" line="281"/>
        <source>Models folder</source>
        <translation>Pasta de modelos</translation>
    </message>
</context>
<context>
    <name>ProblemBar</name>
    <message>
        <location filename="../../ui/problem_bar.py" line="45"/>
        <source>Details…</source>
        <extracomment>The user asked for a problem&apos;s technical details.</extracomment>
        <translation>Detalhes…</translation>
    </message>
    <message>
        <location filename="../../ui/problem_bar.py" line="71"/>
        <source>Dismiss</source>
        <translation>Dispensar</translation>
    </message>
    <message>
        <location filename="../../ui/problem_bar.py" line="72"/>
        <source>Dismiss this message</source>
        <translation>Dispensar esta mensagem</translation>
    </message>
</context>
<context>
    <name>PromptInspector</name>
    <message>
        <location filename="../../ui/prompt_inspector.py" line="144"/>
        <source>not recorded</source>
        <translation>não registrado</translation>
    </message>
    <message>
        <location filename="../../ui/prompt_inspector.py" line="146"/>
        <source>the model&apos;s own</source>
        <translation>o do próprio modelo</translation>
    </message>
    <message>
        <location filename="../../ui/prompt_inspector.py" line="147"/>
        <source>the model&apos;s tool-use variant</source>
        <translation>a variante do modelo para ferramentas</translation>
    </message>
    <message>
        <location filename="../../ui/prompt_inspector.py" line="148"/>
        <source>your override</source>
        <translation>o seu, personalizado</translation>
    </message>
    <message>
        <location filename="../../ui/prompt_inspector.py" line="149"/>
        <source>built-in</source>
        <translation>embutido</translation>
    </message>
    <message>
        <location filename="../../ui/prompt_inspector.py" line="150"/>
        <source>the server&apos;s own</source>
        <translation>o do próprio servidor</translation>
    </message>
    <message>
        <location filename="../../ui/prompt_inspector.py" line="154"/>
        <source>This reply was made by: %1</source>
        <translation>Esta resposta foi feita por: %1</translation>
    </message>
    <message>
        <location filename="../../ui/prompt_inspector.py" line="155"/>
        <source>Model: %1 · template: %2 · seed: %3</source>
        <translation>Modelo: %1 · template: %2 · semente: %3</translation>
    </message>
    <message>
        <location filename="../../ui/prompt_inspector.py" line="166"/>
        <source>Prompt inspector</source>
        <translation>Inspetor de prompt</translation>
    </message>
    <message>
        <location filename="../../ui/prompt_inspector.py" line="173"/>
        <source>Formatted by the server: %1</source>
        <extracomment>A remote server formats the prompt: the request is shown instead.</extracomment>
        <translation>Formatado pelo servidor: %1</translation>
    </message>
    <message>
        <location filename="../../ui/prompt_inspector.py" line="176"/>
        <source>Chat template: %1</source>
        <translation>Template de chat: %1</translation>
    </message>
    <message>
        <location filename="../../ui/prompt_inspector.py" line="178"/>
        <source>Completion mode: the text is continued as written.</source>
        <translation>Modo de completar texto: o texto é continuado como foi escrito.</translation>
    </message>
    <message>
        <location filename="../../ui/prompt_inspector.py" line="185"/>
        <source>Lesson: chat templates and roles</source>
        <translation>Lição: templates de chat e papéis</translation>
    </message>
    <message>
        <location filename="../../ui/prompt_inspector.py" line="187"/>
        <source>The server formats this conversation with its own chat template; this is the request Prosa sends. The exact prompt and its tokens stay on the server.</source>
        <translation>O servidor formata esta conversa com o próprio template de chat; esta é a requisição que o Prosa envia. O prompt exato e os tokens dele ficam no servidor.</translation>
    </message>
    <message>
        <location filename="../../ui/prompt_inspector.py" line="202"/>
        <source>%1 tokens of a %2-token context</source>
        <translation>%1 tokens de um contexto de %2 tokens</translation>
    </message>
    <message>
        <location filename="../../ui/prompt_inspector.py" line="215"/>
        <source>A message contains text that looks like special tokens. It was read as plain text, so it cannot act as a turn marker.</source>
        <translation>Uma mensagem contém texto parecido com tokens especiais. Ele foi lido como texto comum, então não pode agir como marcador de turno.</translation>
    </message>
    <message>
        <location filename="../../ui/prompt_inspector.py" line="226"/>
        <source>The prompt as the model reads it</source>
        <translation>O prompt como o modelo o lê</translation>
    </message>
    <message>
        <location filename="../../ui/prompt_inspector.py" line="230"/>
        <source>The prompt cut into tokens</source>
        <translation>O prompt dividido em tokens</translation>
    </message>
    <message>
        <location filename="../../ui/prompt_inspector.py" line="241"/>
        <source>The request Prosa sends</source>
        <translation>A requisição que o Prosa envia</translation>
    </message>
    <message>
        <location filename="../../ui/prompt_inspector.py" line="242"/>
        <source>Request</source>
        <translation>Requisição</translation>
    </message>
    <message>
        <location filename="../../ui/prompt_inspector.py" line="244"/>
        <source>Prompt</source>
        <translation>Prompt</translation>
    </message>
    <message>
        <location filename="../../ui/prompt_inspector.py" line="245"/>
        <source>Tokens</source>
        <translation>Tokens</translation>
    </message>
    <message>
        <location filename="../../ui/prompt_inspector.py" line="248"/>
        <source>Lesson: what a token is</source>
        <translation>Lição: o que é um token</translation>
    </message>
    <message>
        <location filename="../../ui/prompt_inspector.py" line="252"/>
        <source>Close the inspector</source>
        <translation>Fechar o inspetor</translation>
    </message>
    <message>
        <location filename="../../ui/prompt_inspector.py" line="235"/>
        <location filename="../../ui/prompt_inspector.py" line="246"/>
        <source>Token ids</source>
        <translation>Ids dos tokens</translation>
    </message>
</context>
<context>
    <name>RecommendedTable</name>
    <message>
        <location filename="../../ui/hub_recommended.py" line="74"/>
        <source>Model</source>
        <translation>Modelo</translation>
    </message>
    <message>
        <location filename="../../ui/hub_recommended.py" line="74"/>
        <source>Good for</source>
        <translation>Bom para</translation>
    </message>
    <message>
        <location filename="../../ui/hub_recommended.py" line="74"/>
        <source>Download size</source>
        <translation>Tamanho do download</translation>
    </message>
    <message>
        <location filename="../../ui/hub_recommended.py" line="75"/>
        <source>Fits this computer?</source>
        <translation>Cabe neste computador?</translation>
    </message>
    <message>
        <location filename="../../ui/hub_recommended.py" line="75"/>
        <source>Licence</source>
        <translation>Licença</translation>
    </message>
    <message>
        <location filename="../../ui/hub_recommended.py" line="76"/>
        <source>Well-known models, rated for this computer&apos;s memory: those that fit come first. Select one to see its files.</source>
        <translation>Modelos conhecidos, avaliados pela memória deste computador: os que cabem vêm primeiro. Selecione um para ver seus arquivos.</translation>
    </message>
    <message>
        <location filename="../../ui/hub_recommended.py" line="84"/>
        <source>Trying the app out</source>
        <translation>Experimentar o app</translation>
    </message>
    <message>
        <location filename="../../ui/hub_recommended.py" line="85"/>
        <source>Chat on a modest computer</source>
        <translation>Conversa em um computador modesto</translation>
    </message>
    <message>
        <location filename="../../ui/hub_recommended.py" line="86"/>
        <source>Chat and writing</source>
        <translation>Conversa e escrita</translation>
    </message>
    <message>
        <location filename="../../ui/hub_recommended.py" line="87"/>
        <source>Programming</source>
        <translation>Programação</translation>
    </message>
    <message>
        <location filename="../../ui/hub_recommended.py" line="88"/>
        <source>Reasoning and maths</source>
        <translation>Raciocínio e matemática</translation>
    </message>
    <message>
        <location filename="../../ui/hub_recommended.py" line="89"/>
        <source>Many languages</source>
        <translation>Muitos idiomas</translation>
    </message>
    <message>
        <location filename="../../ui/hub_recommended.py" line="108"/>
        <source>about %1</source>
        <translation>cerca de %1</translation>
    </message>
    <message>
        <location filename="../../ui/hub_recommended.py" line="111"/>
        <source>%1: %2 parameters, %3 file</source>
        <translation>%1: %2 parâmetros, arquivo %3</translation>
    </message>
</context>
<context>
    <name>RecoveryOffer</name>
    <message>
        <location filename="../../ui/recovery_offer.py" line="80"/>
        <source>The damaged file stays where it was kept: %1</source>
        <extracomment>Task lanes: a second offer (a second damaged file) replaces the first one&apos;s results. Conversations written into the history; the window reloads its sidebar. A :class:`core.errors.Problem` for the window to show (the file could not be read or the history could not be written). The offer is over, whatever the outcome. What was read, once read. The question or the note shown; ``None`` while reading or once answered.</extracomment>
        <translation>O arquivo danificado continua onde foi guardado: %1</translation>
    </message>
    <message>
        <location filename="../../ui/recovery_offer.py" line="82"/>
        <source>Bring back</source>
        <translation>Trazer de volta</translation>
    </message>
    <message>
        <location filename="../../ui/recovery_offer.py" line="83"/>
        <source>Add the recovered conversations to the sidebar as new conversations</source>
        <translation>Adicionar as conversas recuperadas à barra lateral como novas conversas</translation>
    </message>
    <message>
        <location filename="../../ui/recovery_offer.py" line="86"/>
        <source>Not now</source>
        <translation>Agora não</translation>
    </message>
    <message>
        <location filename="../../ui/recovery_offer.py" line="87"/>
        <source>Leave them in the damaged file, which stays on disk</source>
        <translation>Deixá-las no arquivo danificado, que continua no disco</translation>
    </message>
    <message>
        <location filename="../../ui/recovery_offer.py" line="97"/>
        <source>Prosa found no conversation it could still read in the damaged history file. The file stays where it was kept: %1</source>
        <translation>O Prosa não encontrou nenhuma conversa que ainda pudesse ler no arquivo de histórico danificado. O arquivo continua onde foi guardado: %1</translation>
    </message>
    <message>
        <location filename="../../ui/recovery_offer.py" line="100"/>
        <source>Close this note</source>
        <translation>Fechar este aviso</translation>
    </message>
    <message>
        <location filename="../../ui/recovery_offer.py" line="105"/>
        <location filename="../../ui/recovery_offer.py" line="108"/>
        <source>Recovered conversations</source>
        <translation>Conversas recuperadas</translation>
    </message>
    <message>
        <location filename="../../ui/recovery_offer.py" line="115"/>
        <source>Prosa recovered one conversation (%2) from the damaged history file. Bring it back?</source>
        <translation>O Prosa recuperou uma conversa (%2) do arquivo de histórico danificado. Trazê-la de volta?</translation>
    </message>
    <message>
        <location filename="../../ui/recovery_offer.py" line="118"/>
        <source>Prosa recovered %1 conversations (%2) from the damaged history file. Bring them back?</source>
        <translation>O Prosa recuperou %1 conversas (%2) do arquivo de histórico danificado. Trazê-las de volta?</translation>
    </message>
    <message>
        <location filename="../../ui/recovery_offer.py" line="120"/>
        <source>one message</source>
        <translation>uma mensagem</translation>
    </message>
    <message>
        <location filename="../../ui/recovery_offer.py" line="121"/>
        <source>%1 messages</source>
        <translation>%1 mensagens</translation>
    </message>
</context>
<context>
    <name>RemoteSection</name>
    <message>
        <location filename="../../ui/remote/sections.py" line="28"/>
        <source>Cannot be reached</source>
        <extracomment>Item data role of a row&apos;s model name (a path or a remote reference), as the picker keeps it (``Qt.UserRole + 1``). Short words for a listing&apos;s failure, by code; anything else is &quot;could not list&quot;.</extracomment>
        <translation>Não pode ser acessado</translation>
    </message>
    <message>
        <location filename="../../ui/remote/sections.py" line="29"/>
        <source>Did not answer</source>
        <translation>Não respondeu</translation>
    </message>
    <message>
        <location filename="../../ui/remote/sections.py" line="30"/>
        <source>Refused the API key</source>
        <translation>Recusou a chave de API</translation>
    </message>
    <message>
        <location filename="../../ui/remote/sections.py" line="31"/>
        <source>Offline mode is on</source>
        <translation>O modo offline está ativado</translation>
    </message>
    <message>
        <location filename="../../ui/remote/sections.py" line="32"/>
        <source>Lists no models</source>
        <translation>Não lista nenhum modelo</translation>
    </message>
    <message>
        <location filename="../../ui/remote/sections.py" line="66"/>
        <source>Could not list its models</source>
        <extracomment>A listing is under way (the models shown, if any, are the last ones found).</extracomment>
        <translation>Não foi possível listar os modelos dele</translation>
    </message>
    <message>
        <location filename="../../ui/remote/sections.py" line="78"/>
        <source>Listing models…</source>
        <translation>Listando os modelos…</translation>
    </message>
    <message>
        <location filename="../../ui/remote/sections.py" line="80"/>
        <source>Models not listed yet</source>
        <translation>Modelos ainda não listados</translation>
    </message>
    <message>
        <location filename="../../ui/remote/sections.py" line="82"/>
        <source>%1 on the server “%2” (%3)</source>
        <translation>%1 no servidor “%2” (%3)</translation>
    </message>
</context>
<context>
    <name>RemoteServersPage</name>
    <message>
        <location filename="../../ui/remote/servers_page.py" line="67"/>
        <source>Chat with models that run on another machine, through an OpenAI-compatible server: llama.cpp&apos;s llama-server, vLLM, Ollama, LM Studio. Add the server here, then choose its models in the model menu.</source>
        <extracomment>A server was added, changed or removed (already saved). The editor open now, if any (window-modal, so one at a time).</extracomment>
        <translation>Converse com modelos que rodam em outra máquina, por meio de um servidor compatível com a API da OpenAI: o llama-server do llama.cpp, vLLM, Ollama, LM Studio. Adicione o servidor aqui e depois escolha os modelos dele no menu de modelos.</translation>
    </message>
    <message>
        <location filename="../../ui/remote/servers_page.py" line="73"/>
        <source>Remote servers</source>
        <translation>Servidores remotos</translation>
    </message>
    <message>
        <location filename="../../ui/remote/servers_page.py" line="74"/>
        <source>Name</source>
        <translation>Nome</translation>
    </message>
    <message>
        <location filename="../../ui/remote/servers_page.py" line="74"/>
        <source>Address</source>
        <translation>Endereço</translation>
    </message>
    <message>
        <location filename="../../ui/remote/servers_page.py" line="82"/>
        <source>Add…</source>
        <translation>Adicionar…</translation>
    </message>
    <message>
        <location filename="../../ui/remote/servers_page.py" line="84"/>
        <source>Add a server</source>
        <translation>Adicionar um servidor</translation>
    </message>
    <message>
        <location filename="../../ui/remote/servers_page.py" line="85"/>
        <source>Edit…</source>
        <translation>Editar…</translation>
    </message>
    <message>
        <location filename="../../ui/remote/servers_page.py" line="87"/>
        <source>Change the chosen server&apos;s name, address or key</source>
        <translation>Muda o nome, o endereço ou a chave do servidor escolhido</translation>
    </message>
    <message>
        <location filename="../../ui/remote/servers_page.py" line="88"/>
        <source>Remove</source>
        <translation>Remover</translation>
    </message>
    <message>
        <location filename="../../ui/remote/servers_page.py" line="90"/>
        <source>Remove the chosen server and forget its key</source>
        <translation>Remove o servidor escolhido e esquece a chave dele</translation>
    </message>
    <message>
        <location filename="../../ui/remote/servers_page.py" line="102"/>
        <source>Changes here are saved at once.</source>
        <translation>As mudanças aqui são salvas na hora.</translation>
    </message>
    <message>
        <location filename="../../ui/remote/servers_page.py" line="172"/>
        <source>Remove server</source>
        <translation>Remover servidor</translation>
    </message>
    <message>
        <location filename="../../ui/remote/servers_page.py" line="173"/>
        <source>Remove the server “%1” and forget its API key? Conversations with its models are kept.</source>
        <translation>Remover o servidor “%1” e esquecer a chave de API dele? As conversas com os modelos dele são mantidas.</translation>
    </message>
</context>
<context>
    <name>SamplingPanel</name>
    <message>
        <location filename="../../ui/sampling_panel.py" line="144"/>
        <source>Ready-made decoding settings, and the ones you saved. Choosing one changes how tokens are chosen, not the reply length, seed or stop strings.</source>
        <extracomment>Slider range when it differs from the accepted range (seed: the slider is useless over 2**32 values, so only the spin box is shown). The strategies the setting means something to. The temperature to return to when Sampling is chosen again.</extracomment>
        <translation>Configurações de decodificação prontas, e as que você salvou. Escolher uma muda como os tokens são escolhidos, não o tamanho da resposta, a semente ou os textos de parada.</translation>
    </message>
    <message>
        <location filename="../../ui/sampling_panel.py" line="146"/>
        <source>Save as…</source>
        <translation>Salvar como…</translation>
    </message>
    <message>
        <location filename="../../ui/sampling_panel.py" line="147"/>
        <source>Rename…</source>
        <translation>Renomear…</translation>
    </message>
    <message>
        <location filename="../../ui/sampling_panel.py" line="148"/>
        <source>Delete</source>
        <translation>Excluir</translation>
    </message>
    <message>
        <location filename="../../ui/sampling_panel.py" line="149"/>
        <source>Export…</source>
        <translation>Exportar…</translation>
    </message>
    <message>
        <location filename="../../ui/sampling_panel.py" line="150"/>
        <source>Import…</source>
        <translation>Importar…</translation>
    </message>
    <message>
        <location filename="../../ui/sampling_panel.py" line="152"/>
        <source>Save these settings as a preset, to pick them again later</source>
        <translation>Salvar estas configurações como predefinição, para escolhê-las de novo depois</translation>
    </message>
    <message>
        <location filename="../../ui/sampling_panel.py" line="154"/>
        <source>Rename the preset you saved</source>
        <translation>Renomear a predefinição que você salvou</translation>
    </message>
    <message>
        <location filename="../../ui/sampling_panel.py" line="155"/>
        <source>Delete the preset you saved; the current settings stay</source>
        <translation>Excluir a predefinição que você salvou; as configurações atuais ficam</translation>
    </message>
    <message>
        <location filename="../../ui/sampling_panel.py" line="157"/>
        <source>Save the preset to a file, to share it</source>
        <translation>Salvar a predefinição em um arquivo, para compartilhá-la</translation>
    </message>
    <message>
        <location filename="../../ui/sampling_panel.py" line="158"/>
        <source>Add a preset from a file</source>
        <translation>Adicionar uma predefinição a partir de um arquivo</translation>
    </message>
    <message>
        <location filename="../../ui/sampling_panel.py" line="173"/>
        <source>Preset</source>
        <translation>Predefinição</translation>
    </message>
    <message>
        <location filename="../../ui/sampling_panel.py" line="187"/>
        <source>Greedy</source>
        <translation>Gulosa</translation>
    </message>
    <message>
        <location filename="../../ui/sampling_panel.py" line="187"/>
        <source>Sampling</source>
        <translation>Amostragem</translation>
    </message>
    <message>
        <location filename="../../ui/sampling_panel.py" line="188"/>
        <source>Beam search</source>
        <translation>Busca em feixe</translation>
    </message>
    <message>
        <location filename="../../ui/sampling_panel.py" line="190"/>
        <source>Always the most likely next token. The same prompt gives the same reply; it can be flat or repetitive.</source>
        <translation>Sempre o próximo token mais provável. O mesmo prompt dá a mesma resposta; ela pode sair sem graça ou repetitiva.</translation>
    </message>
    <message>
        <location filename="../../ui/sampling_panel.py" line="192"/>
        <source>Each next token is drawn at random among the likely ones, shaped by the settings below. Varied and natural; a fixed seed repeats a reply.</source>
        <translation>Cada próximo token é sorteado entre os prováveis, conforme as configurações abaixo. Variado e natural; uma semente fixa repete uma resposta.</translation>
    </message>
    <message>
        <location filename="../../ui/sampling_panel.py" line="195"/>
        <source>Follows several candidate replies at once and returns the likeliest whole reply, not just the likeliest next token. Slower; the text appears once all candidates agree on it.</source>
        <translation>Acompanha várias respostas candidatas ao mesmo tempo e devolve a resposta inteira mais provável, não só o próximo token mais provável. Mais lenta; o texto aparece quando todas as candidatas concordam com ele.</translation>
    </message>
    <message>
        <location filename="../../ui/sampling_panel.py" line="209"/>
        <source>Lesson: decoding strategies side by side</source>
        <translation>Lição: estratégias de decodificação lado a lado</translation>
    </message>
    <message>
        <location filename="../../ui/sampling_panel.py" line="210"/>
        <source>Strategy</source>
        <translation>Estratégia</translation>
    </message>
    <message>
        <location filename="../../ui/sampling_panel.py" line="232"/>
        <source>random</source>
        <translation>aleatória</translation>
    </message>
    <message>
        <location filename="../../ui/sampling_panel.py" line="234"/>
        <source>off</source>
        <translation>desligado</translation>
    </message>
    <message>
        <location filename="../../ui/sampling_panel.py" line="255"/>
        <source>Temperature</source>
        <translation>Temperatura</translation>
    </message>
    <message>
        <location filename="../../ui/sampling_panel.py" line="256"/>
        <source>Top-k</source>
        <translation>Top-k</translation>
    </message>
    <message>
        <location filename="../../ui/sampling_panel.py" line="257"/>
        <source>Top-p</source>
        <translation>Top-p</translation>
    </message>
    <message>
        <location filename="../../ui/sampling_panel.py" line="258"/>
        <source>Min-p</source>
        <translation>Min-p</translation>
    </message>
    <message>
        <location filename="../../ui/sampling_panel.py" line="259"/>
        <source>Typical-p</source>
        <translation>Typical-p</translation>
    </message>
    <message>
        <location filename="../../ui/sampling_panel.py" line="260"/>
        <source>Beam width</source>
        <translation>Largura do feixe</translation>
    </message>
    <message>
        <location filename="../../ui/sampling_panel.py" line="261"/>
        <source>Length penalty</source>
        <translation>Penalidade de tamanho</translation>
    </message>
    <message>
        <location filename="../../ui/sampling_panel.py" line="262"/>
        <source>N-best</source>
        <translation>N melhores</translation>
    </message>
    <message>
        <location filename="../../ui/sampling_panel.py" line="263"/>
        <source>Repeat penalty</source>
        <translation>Penalidade de repetição</translation>
    </message>
    <message>
        <location filename="../../ui/sampling_panel.py" line="264"/>
        <source>Penalty window</source>
        <translation>Janela da penalidade</translation>
    </message>
    <message>
        <location filename="../../ui/sampling_panel.py" line="265"/>
        <source>Presence penalty</source>
        <translation>Penalidade de presença</translation>
    </message>
    <message>
        <location filename="../../ui/sampling_panel.py" line="266"/>
        <source>Frequency penalty</source>
        <translation>Penalidade de frequência</translation>
    </message>
    <message>
        <location filename="../../ui/sampling_panel.py" line="267"/>
        <source>Max tokens</source>
        <translation>Máximo de tokens</translation>
    </message>
    <message>
        <location filename="../../ui/sampling_panel.py" line="268"/>
        <source>Probabilities</source>
        <translation>Probabilidades</translation>
    </message>
    <message>
        <location filename="../../ui/sampling_panel.py" line="269"/>
        <source>Seed</source>
        <translation>Semente</translation>
    </message>
    <message>
        <location filename="../../ui/sampling_panel.py" line="275"/>
        <source>How adventurous the choice of each next token is. 0 always takes the most likely token (greedy: the same prompt gives the same reply); higher values flatten the odds so less likely words get picked more often.</source>
        <translation>Quão ousada é a escolha de cada próximo token. 0 sempre pega o token mais provável (gulosa: o mesmo prompt dá a mesma resposta); valores maiores achatam as chances, e palavras menos prováveis são escolhidas com mais frequência.</translation>
    </message>
    <message>
        <location filename="../../ui/sampling_panel.py" line="279"/>
        <source>Only the k most likely next tokens stay in the draw. 1 is greedy; 0 turns this filter off.</source>
        <translation>Só os k próximos tokens mais prováveis ficam no sorteio. 1 é guloso; 0 desliga este filtro.</translation>
    </message>
    <message>
        <location filename="../../ui/sampling_panel.py" line="282"/>
        <source>Keep the smallest set of likely tokens whose probabilities add up to p (nucleus sampling). 1 turns this filter off.</source>
        <translation>Mantém o menor conjunto de tokens prováveis cujas probabilidades somam p (amostragem de núcleo). 1 desliga este filtro.</translation>
    </message>
    <message>
        <location filename="../../ui/sampling_panel.py" line="285"/>
        <source>Drop tokens less likely than this fraction of the most likely token&apos;s probability. 0 turns this filter off.</source>
        <translation>Descarta tokens menos prováveis que esta fração da probabilidade do token mais provável. 0 desliga este filtro.</translation>
    </message>
    <message>
        <location filename="../../ui/sampling_panel.py" line="288"/>
        <source>Keep the tokens about as surprising as the model usually is at this point, dropping both the too obvious and the far-fetched ones. 1 turns this filter off.</source>
        <translation>Mantém tokens tão surpreendentes quanto o modelo costuma ser neste ponto, descartando os óbvios demais e os muito improváveis. 1 desliga este filtro.</translation>
    </message>
    <message>
        <location filename="../../ui/sampling_panel.py" line="292"/>
        <source>How many candidate replies beam search follows at each step. More finds likelier replies but is slower; 1 is the same as greedy.</source>
        <translation>Quantas respostas candidatas a busca em feixe acompanha a cada passo. Mais encontra respostas mais prováveis, mas é mais lento; 1 é igual à gulosa.</translation>
    </message>
    <message>
        <location filename="../../ui/sampling_panel.py" line="295"/>
        <source>How beam search compares replies of different lengths. 0 ranks by total probability, which favours short replies; higher values favour longer ones.</source>
        <translation>Como a busca em feixe compara respostas de tamanhos diferentes. 0 ordena pela probabilidade total, o que favorece respostas curtas; valores maiores favorecem as longas.</translation>
    </message>
    <message>
        <location filename="../../ui/sampling_panel.py" line="299"/>
        <source>How many of the best beam-search replies to return, best first, to compare. At most the beam width.</source>
        <translation>Quantas das melhores respostas da busca em feixe devolver, da melhor para a pior, para comparar. No máximo a largura do feixe.</translation>
    </message>
    <message>
        <location filename="../../ui/sampling_panel.py" line="302"/>
        <source>Makes tokens that appeared in the penalty window less likely, against loops. 1 means no penalty.</source>
        <translation>Torna menos prováveis os tokens que apareceram na janela da penalidade, contra repetições. 1 significa sem penalidade.</translation>
    </message>
    <message>
        <location filename="../../ui/sampling_panel.py" line="305"/>
        <source>How many of the reply&apos;s latest tokens the repeat, presence and frequency penalties look at. 0 turns the penalties off.</source>
        <translation>Quantos dos últimos tokens da resposta as penalidades de repetição, presença e frequência olham. 0 desliga as penalidades.</translation>
    </message>
    <message>
        <location filename="../../ui/sampling_panel.py" line="308"/>
        <source>Lowers every token that already appeared in the window by the same amount, however often it appeared: a nudge toward new words. 0 means none; below 0 favours repeating.</source>
        <translation>Diminui igualmente todo token que já apareceu na janela, não importa quantas vezes: um empurrão para palavras novas. 0 significa nenhuma; abaixo de 0 favorece repetir.</translation>
    </message>
    <message>
        <location filename="../../ui/sampling_panel.py" line="312"/>
        <source>Lowers a token by this much for each time it appeared in the window: the more it was used, the less likely it is again. 0 means none.</source>
        <translation>Diminui um token por este valor a cada vez que ele apareceu na janela: quanto mais usado, menos provável de novo. 0 significa nenhuma.</translation>
    </message>
    <message>
        <location filename="../../ui/sampling_panel.py" line="407"/>
        <source>Greedy: always the most likely token, so the same prompt gives the same reply. Raise the temperature to sample instead.</source>
        <translation>Gulosa: sempre o token mais provável, então o mesmo prompt dá a mesma resposta. Aumente a temperatura para amostrar.</translation>
    </message>
    <message>
        <location filename="../../ui/sampling_panel.py" line="410"/>
        <source>Beam search: follows the %1 likeliest partial replies and returns the likeliest whole one. Text appears as soon as every candidate agrees on it.</source>
        <translation>Busca em feixe: acompanha as %1 respostas parciais mais prováveis e devolve a inteira mais provável. O texto aparece assim que todas as candidatas concordam com ele.</translation>
    </message>
    <message>
        <location filename="../../ui/sampling_panel.py" line="426"/>
        <source>(custom)</source>
        <translation>(personalizado)</translation>
    </message>
    <message>
        <location filename="../../ui/sampling_panel.py" line="476"/>
        <source>Save preset</source>
        <translation>Salvar predefinição</translation>
    </message>
    <message>
        <location filename="../../ui/sampling_panel.py" line="476"/>
        <source>Name:</source>
        <translation>Nome:</translation>
    </message>
    <message>
        <location filename="../../ui/sampling_panel.py" line="481"/>
        <source>Replace preset</source>
        <translation>Substituir predefinição</translation>
    </message>
    <message>
        <location filename="../../ui/sampling_panel.py" line="482"/>
        <source>A preset named “%1” exists. Replace it?</source>
        <translation>Já existe uma predefinição chamada “%1”. Substituir?</translation>
    </message>
    <message>
        <location filename="../../ui/sampling_panel.py" line="492"/>
        <source>Rename preset</source>
        <translation>Renomear predefinição</translation>
    </message>
    <message>
        <location filename="../../ui/sampling_panel.py" line="492"/>
        <source>New name:</source>
        <translation>Novo nome:</translation>
    </message>
    <message>
        <location filename="../../ui/sampling_panel.py" line="501"/>
        <source>Delete preset</source>
        <translation>Excluir predefinição</translation>
    </message>
    <message>
        <location filename="../../ui/sampling_panel.py" line="502"/>
        <source>Delete the preset “%1”? The current settings stay.</source>
        <translation>Excluir a predefinição “%1”? As configurações atuais continuam.</translation>
    </message>
    <message>
        <location filename="../../ui/sampling_panel.py" line="534"/>
        <location filename="../../ui/sampling_panel.py" line="536"/>
        <source>Presets</source>
        <translation>Predefinições</translation>
    </message>
    <message>
        <location filename="../../ui/sampling_panel.py" line="537"/>
        <source>Could not save the presets: %1</source>
        <translation>Não foi possível salvar as predefinições: %1</translation>
    </message>
    <message>
        <location filename="../../ui/sampling_panel.py" line="551"/>
        <source>Export preset</source>
        <translation>Exportar predefinição</translation>
    </message>
    <message>
        <location filename="../../ui/sampling_panel.py" line="552"/>
        <location filename="../../ui/sampling_panel.py" line="557"/>
        <source>Presets (*.json)</source>
        <translation>Predefinições (*.json)</translation>
    </message>
    <message>
        <location filename="../../ui/sampling_panel.py" line="556"/>
        <source>Import preset</source>
        <translation>Importar predefinição</translation>
    </message>
    <message>
        <location filename="../../ui/sampling_panel.py" line="314"/>
        <source>The longest reply, in tokens (pieces of words).</source>
        <translation>A resposta mais longa, em tokens (pedaços de palavras).</translation>
    </message>
    <message>
        <location filename="../../ui/sampling_panel.py" line="316"/>
        <source>Also report how likely the model found each token, with this many most likely alternatives, to see its choices in the chat. &apos;off&apos; reports none.</source>
        <translation>Também informa quão provável o modelo achou cada token, com estas tantas alternativas mais prováveis, para ver as escolhas dele na conversa. &apos;desligado&apos; não informa nada.</translation>
    </message>
    <message>
        <location filename="../../ui/sampling_panel.py" line="319"/>
        <source>The starting point of the random draw. The same seed, settings and prompt give the same reply; &apos;random&apos; picks a new seed every time.</source>
        <translation>O ponto de partida do sorteio. A mesma semente, configurações e prompt dão a mesma resposta; &apos;aleatória&apos; escolhe uma semente nova a cada vez.</translation>
    </message>
    <message>
        <location filename="../../ui/sampling_panel.py" line="414"/>
        <source>Top-k 1 keeps only the most likely token: the reply is greedy whatever the temperature.</source>
        <translation>Top-k 1 mantém só o token mais provável: a resposta é gulosa qualquer que seja a temperatura.</translation>
    </message>
    <message>
        <location filename="../../ui/sampling_panel.py" line="417"/>
        <source>Sampling: each token is drawn at random from the likely ones.</source>
        <translation>Amostragem: cada token é sorteado entre os prováveis.</translation>
    </message>
</context>
<context>
    <name>ServerEditor</name>
    <message>
        <location filename="../../ui/remote/server_editor.py" line="50"/>
        <source>The key is kept in the system keyring, never in Prosa&apos;s files, and is sent only to this server.</source>
        <extracomment>The lister&apos;s key for the editor&apos;s test.</extracomment>
        <translation>A chave fica guardada no chaveiro do sistema, nunca nos arquivos do Prosa, e só é enviada a este servidor.</translation>
    </message>
    <message>
        <location filename="../../ui/remote/server_editor.py" line="53"/>
        <source>No system keyring was found: the key is kept only until Prosa closes, and never written to a file. You will be asked for it again.</source>
        <translation>Nenhum chaveiro do sistema foi encontrado: a chave fica guardada só até o Prosa fechar e nunca é gravada em arquivo. Ela será pedida de novo.</translation>
    </message>
    <message>
        <location filename="../../ui/remote/server_editor.py" line="69"/>
        <source>Remote server</source>
        <extracomment>The server as saved by OK.</extracomment>
        <translation>Servidor remoto</translation>
    </message>
    <message>
        <location filename="../../ui/remote/server_editor.py" line="70"/>
        <source>Remote server: %1</source>
        <translation>Servidor remoto: %1</translation>
    </message>
    <message>
        <location filename="../../ui/remote/server_editor.py" line="76"/>
        <source>for example: Lab box</source>
        <translation>por exemplo: Máquina do lab</translation>
    </message>
    <message>
        <location filename="../../ui/remote/server_editor.py" line="77"/>
        <source>How the model menu and the replies name this server</source>
        <translation>Como o menu de modelos e as respostas chamam este servidor</translation>
    </message>
    <message>
        <location filename="../../ui/remote/server_editor.py" line="81"/>
        <source>The address of the server&apos;s OpenAI-compatible API</source>
        <translation>O endereço da API do servidor compatível com a da OpenAI</translation>
    </message>
    <message>
        <location filename="../../ui/remote/server_editor.py" line="83"/>
        <source>The API&apos;s base address, such as http://host:8080/v1 (llama-server, vLLM, LM Studio) or http://host:11434/v1 (Ollama). /v1 is added when the address has no path.</source>
        <translation>O endereço base da API, como http://host:8080/v1 (llama-server, vLLM, LM Studio) ou http://host:11434/v1 (Ollama). O /v1 é acrescentado quando o endereço não tem caminho.</translation>
    </message>
    <message>
        <location filename="../../ui/remote/server_editor.py" line="90"/>
        <source>⚠ This address is not encrypted (http) and leaves your network: the API key and your conversations can be read on the way. Use https:// if the server offers it.</source>
        <translation>⚠ Este endereço não é criptografado (http) e sai da sua rede: a chave de API e as suas conversas podem ser lidas no caminho. Use https:// se o servidor oferecer.</translation>
    </message>
    <message>
        <location filename="../../ui/remote/server_editor.py" line="101"/>
        <source>none (for servers without a key)</source>
        <translation>nenhuma (para servidores sem chave)</translation>
    </message>
    <message>
        <location filename="../../ui/remote/server_editor.py" line="102"/>
        <source>The API key the server asks for, if any</source>
        <translation>A chave de API que o servidor pede, se pedir</translation>
    </message>
    <message>
        <location filename="../../ui/remote/server_editor.py" line="103"/>
        <location filename="../../ui/remote/server_editor.py" line="149"/>
        <source>API key</source>
        <translation>Chave de API</translation>
    </message>
    <message>
        <location filename="../../ui/remote/server_editor.py" line="107"/>
        <location filename="../../ui/remote/server_editor.py" line="215"/>
        <source>Show</source>
        <translation>Mostrar</translation>
    </message>
    <message>
        <location filename="../../ui/remote/server_editor.py" line="108"/>
        <source>Show or hide the key</source>
        <translation>Mostra ou oculta a chave</translation>
    </message>
    <message>
        <location filename="../../ui/remote/server_editor.py" line="119"/>
        <source>Test and list models</source>
        <translation>Testar e listar modelos</translation>
    </message>
    <message>
        <location filename="../../ui/remote/server_editor.py" line="121"/>
        <source>Reach the server now with this address and key, and list the models it serves</source>
        <translation>Acessa o servidor agora com este endereço e esta chave e lista os modelos que ele oferece</translation>
    </message>
    <message>
        <location filename="../../ui/remote/server_editor.py" line="130"/>
        <source>Models of this server</source>
        <translation>Modelos deste servidor</translation>
    </message>
    <message>
        <location filename="../../ui/remote/server_editor.py" line="141"/>
        <source>Save this server</source>
        <translation>Salva este servidor</translation>
    </message>
    <message>
        <location filename="../../ui/remote/server_editor.py" line="148"/>
        <source>Name</source>
        <translation>Nome</translation>
    </message>
    <message>
        <location filename="../../ui/remote/server_editor.py" line="148"/>
        <source>Address</source>
        <translation>Endereço</translation>
    </message>
    <message>
        <location filename="../../ui/remote/server_editor.py" line="215"/>
        <source>Hide</source>
        <translation>Ocultar</translation>
    </message>
    <message>
        <location filename="../../ui/remote/server_editor.py" line="235"/>
        <source>Connecting to %1…</source>
        <translation>Conectando a %1…</translation>
    </message>
    <message>
        <location filename="../../ui/remote/server_editor.py" line="251"/>
        <source>The server answered but lists no models.</source>
        <translation>O servidor respondeu, mas não lista nenhum modelo.</translation>
    </message>
    <message>
        <location filename="../../ui/remote/server_editor.py" line="253"/>
        <source>The server answered: 1 model</source>
        <translation>O servidor respondeu: 1 modelo</translation>
    </message>
    <message>
        <location filename="../../ui/remote/server_editor.py" line="254"/>
        <source>The server answered: %1 models</source>
        <translation>O servidor respondeu: %1 modelos</translation>
    </message>
</context>
<context>
    <name>ServerIndicator</name>
    <message>
        <location filename="../../ui/server/indicator.py" line="29"/>
        <source>API server stopped</source>
        <translation>Servidor de API parado</translation>
    </message>
    <message>
        <location filename="../../ui/server/indicator.py" line="38"/>
        <source>● Serving on %1 (%2 requests)</source>
        <translation>● Servindo em %1 (%2 pedidos)</translation>
    </message>
    <message>
        <location filename="../../ui/server/indicator.py" line="40"/>
        <source>● Serving on %1</source>
        <translation>● Servindo em %1</translation>
    </message>
    <message>
        <location filename="../../ui/server/indicator.py" line="43"/>
        <source>○ Serving on %1</source>
        <translation>○ Servindo em %1</translation>
    </message>
    <message>
        <location filename="../../ui/server/indicator.py" line="45"/>
        <source>Prosa&apos;s OpenAI-compatible server: base URL %1. Click for the log of requests.</source>
        <translation>Servidor do Prosa compatível com a OpenAI: URL base %1. Clique para ver o registro de pedidos.</translation>
    </message>
    <message>
        <location filename="../../ui/server/indicator.py" line="48"/>
        <source>Anyone who can reach this address can use the model.</source>
        <translation>Qualquer pessoa que alcance este endereço pode usar o modelo.</translation>
    </message>
</context>
<context>
    <name>ServerLogDialog</name>
    <message>
        <location filename="../../ui/server/log_dialog.py" line="34"/>
        <source>API server: log of requests</source>
        <translation>Servidor de API: registro de pedidos</translation>
    </message>
    <message>
        <location filename="../../ui/server/log_dialog.py" line="41"/>
        <source>Time</source>
        <translation>Hora</translation>
    </message>
    <message>
        <location filename="../../ui/server/log_dialog.py" line="41"/>
        <source>Client</source>
        <translation>Cliente</translation>
    </message>
    <message>
        <location filename="../../ui/server/log_dialog.py" line="41"/>
        <source>Request</source>
        <translation>Requisição</translation>
    </message>
    <message>
        <location filename="../../ui/server/log_dialog.py" line="41"/>
        <source>Model</source>
        <translation>Modelo</translation>
    </message>
    <message>
        <location filename="../../ui/server/log_dialog.py" line="42"/>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <location filename="../../ui/server/log_dialog.py" line="42"/>
        <source>Tokens</source>
        <translation>Tokens</translation>
    </message>
    <message>
        <location filename="../../ui/server/log_dialog.py" line="42"/>
        <source>Duration</source>
        <translation>Duração</translation>
    </message>
    <message>
        <location filename="../../ui/server/log_dialog.py" line="51"/>
        <source>Clear</source>
        <translation>Limpar</translation>
    </message>
    <message>
        <location filename="../../ui/server/log_dialog.py" line="68"/>
        <source>%1 requests answered since Prosa started, %2 being answered now.</source>
        <translation>%1 pedidos respondidos desde que o Prosa abriu, %2 sendo respondidos agora.</translation>
    </message>
    <message>
        <location filename="../../ui/server/log_dialog.py" line="87"/>
        <source>(streamed)</source>
        <translation>(em fluxo)</translation>
    </message>
    <message>
        <location filename="../../ui/server/log_dialog.py" line="91"/>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
</context>
<context>
    <name>ServerPage</name>
    <message>
        <location filename="../../ui/server/page.py" line="45"/>
        <source>Other programs on this computer can use the model loaded in Prosa through an OpenAI-compatible API (the openai package, editors, scripts): give them the address below as their base URL. Their requests wait while Prosa answers you.</source>
        <extracomment>The user asked for the log of requests.</extracomment>
        <translation>Outros programas deste computador podem usar o modelo carregado no Prosa por uma API compatível com a OpenAI (o pacote openai, editores, scripts): informe a eles o endereço abaixo como URL base. Os pedidos deles esperam enquanto o Prosa responde a você.</translation>
    </message>
    <message>
        <location filename="../../ui/server/page.py" line="50"/>
        <source>Serve the loaded model to other programs</source>
        <translation>Servir o modelo carregado a outros programas</translation>
    </message>
    <message>
        <location filename="../../ui/server/page.py" line="58"/>
        <source>127.0.0.1 lets only this computer in; 0.0.0.0 lets in every computer that can reach this one</source>
        <translation>127.0.0.1 deixa entrar só este computador; 0.0.0.0 deixa entrar qualquer computador que alcance este</translation>
    </message>
    <message>
        <location filename="../../ui/server/page.py" line="61"/>
        <source>Anyone who can reach this address on your network can use the model: require a key.</source>
        <translation>Qualquer pessoa que alcance este endereço na sua rede pode usar o modelo: exija uma chave.</translation>
    </message>
    <message>
        <location filename="../../ui/server/page.py" line="70"/>
        <source>Require an API key</source>
        <translation>Exigir uma chave de API</translation>
    </message>
    <message>
        <location filename="../../ui/server/page.py" line="73"/>
        <source>Programs must send the key as &apos;Authorization: Bearer &lt;key&gt;&apos;</source>
        <translation>Os programas devem enviar a chave como &apos;Authorization: Bearer &lt;chave&gt;&apos;</translation>
    </message>
    <message>
        <location filename="../../ui/server/page.py" line="79"/>
        <source>made when the server starts</source>
        <translation>criada quando o servidor inicia</translation>
    </message>
    <message>
        <location filename="../../ui/server/page.py" line="80"/>
        <source>API key</source>
        <translation>Chave de API</translation>
    </message>
    <message>
        <location filename="../../ui/server/page.py" line="81"/>
        <source>Copy</source>
        <translation>Copiar</translation>
    </message>
    <message>
        <location filename="../../ui/server/page.py" line="84"/>
        <source>Copy the key to the clipboard</source>
        <translation>Copiar a chave para a área de transferência</translation>
    </message>
    <message>
        <location filename="../../ui/server/page.py" line="85"/>
        <source>New key</source>
        <translation>Nova chave</translation>
    </message>
    <message>
        <location filename="../../ui/server/page.py" line="88"/>
        <source>Make a new random key; programs with the old one are refused from now on</source>
        <translation>Criar uma nova chave aleatória; programas com a antiga passam a ser recusados</translation>
    </message>
    <message>
        <location filename="../../ui/server/page.py" line="107"/>
        <source>Log of requests…</source>
        <translation>Registro de pedidos…</translation>
    </message>
    <message>
        <location filename="../../ui/server/page.py" line="113"/>
        <source>Address</source>
        <translation>Endereço</translation>
    </message>
    <message>
        <location filename="../../ui/server/page.py" line="115"/>
        <source>Port</source>
        <translation>Porta</translation>
    </message>
    <message>
        <location filename="../../ui/server/page.py" line="117"/>
        <source>Key</source>
        <translation>Chave</translation>
    </message>
    <message>
        <location filename="../../ui/server/page.py" line="119"/>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <location filename="../../ui/server/page.py" line="147"/>
        <source>Kept in the system keyring.</source>
        <translation>Guardada no chaveiro do sistema.</translation>
    </message>
    <message>
        <location filename="../../ui/server/page.py" line="148"/>
        <source>This computer has no system keyring: the key is kept only until Prosa closes, and a new one is made at the next start.</source>
        <translation>Este computador não tem chaveiro do sistema: a chave é guardada só até o Prosa fechar, e uma nova é criada na próxima abertura.</translation>
    </message>
    <message>
        <location filename="../../ui/server/page.py" line="152"/>
        <source>Serving at %1</source>
        <translation>Servindo em %1</translation>
    </message>
    <message>
        <location filename="../../ui/server/page.py" line="157"/>
        <source>Not serving: %1</source>
        <translation>Sem servir: %1</translation>
    </message>
    <message>
        <location filename="../../ui/server/page.py" line="160"/>
        <source>Off</source>
        <translation>Desligado</translation>
    </message>
</context>
<context>
    <name>ServerProbe</name>
    <message>
        <location filename="../../ui/tools/server_probe.py" line="45"/>
        <location filename="../../ui/tools/server_probe.py" line="66"/>
        <source>Tools of this server</source>
        <extracomment>The user asked for a test of the server shown (the dialog checks it first).</extracomment>
        <translation>Ferramentas deste servidor</translation>
    </message>
    <message>
        <location filename="../../ui/tools/server_probe.py" line="55"/>
        <source>Test and list tools</source>
        <extracomment>The server whose results are shown (results for another are dropped).</extracomment>
        <translation>Testar e listar ferramentas</translation>
    </message>
    <message>
        <location filename="../../ui/tools/server_probe.py" line="57"/>
        <source>Start or reach the server now and list the tools it offers</source>
        <translation>Iniciar ou contatar o servidor agora e listar as ferramentas que ele oferece</translation>
    </message>
    <message>
        <location filename="../../ui/tools/server_probe.py" line="67"/>
        <source>Tool</source>
        <translation>Ferramenta</translation>
    </message>
    <message>
        <location filename="../../ui/tools/server_probe.py" line="67"/>
        <source>What it does</source>
        <translation>O que faz</translation>
    </message>
    <message>
        <location filename="../../ui/tools/server_probe.py" line="105"/>
        <source>Connecting to “%1”…</source>
        <translation>Conectando a “%1”…</translation>
    </message>
    <message>
        <location filename="../../ui/tools/server_probe.py" line="125"/>
        <source>The server answered but offers no tools.</source>
        <translation>O servidor respondeu, mas não oferece ferramentas.</translation>
    </message>
    <message>
        <location filename="../../ui/tools/server_probe.py" line="127"/>
        <source>1 tool</source>
        <translation>1 ferramenta</translation>
    </message>
    <message>
        <location filename="../../ui/tools/server_probe.py" line="129"/>
        <source>%1 tools</source>
        <translation>%1 ferramentas</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <location filename="../../ui/desktop/shortcuts.py" line="77"/>
        <source>Chatting</source>
        <translation>Conversando</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/shortcuts.py" line="79"/>
        <source>Send the message</source>
        <translation>Enviar a mensagem</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/shortcuts.py" line="80"/>
        <location filename="../../ui/desktop/shortcuts.py" line="87"/>
        <source>Enter</source>
        <translation>Enter</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/shortcuts.py" line="81"/>
        <source>New line in the message</source>
        <translation>Nova linha na mensagem</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/shortcuts.py" line="82"/>
        <location filename="../../ui/desktop/shortcuts.py" line="89"/>
        <source>Shift+Enter</source>
        <translation>Shift+Enter</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/shortcuts.py" line="83"/>
        <source>Stop the reply, skip the tour, close Find</source>
        <translation>Parar a resposta, pular o tour, fechar a busca</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/shortcuts.py" line="85"/>
        <source>Esc</source>
        <translation>Esc</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/shortcuts.py" line="86"/>
        <source>Next match in Find</source>
        <translation>Próxima ocorrência na busca</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/shortcuts.py" line="88"/>
        <source>Previous match in Find</source>
        <translation>Ocorrência anterior na busca</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/shortcuts.py" line="90"/>
        <source>Move between controls</source>
        <translation>Passar de um controle a outro</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/shortcuts.py" line="91"/>
        <source>Tab, Shift+Tab</source>
        <translation>Tab, Shift+Tab</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/shortcuts.py" line="101"/>
        <source>Keyboard shortcuts</source>
        <translation>Atalhos de teclado</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/shortcuts.py" line="105"/>
        <source>Find a command or a key</source>
        <translation>Encontre um comando ou uma tecla</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/shortcuts.py" line="106"/>
        <source>Show only the commands whose name or keys contain this text</source>
        <translation>Mostra só os comandos cujo nome ou teclas contêm este texto</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/shortcuts.py" line="113"/>
        <source>Command</source>
        <translation>Comando</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/shortcuts.py" line="113"/>
        <source>Keys</source>
        <translation>Teclas</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/shortcuts.py" line="115"/>
        <source>Every shortcut, grouped by menu</source>
        <translation>Todos os atalhos, agrupados por menu</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/shortcuts.py" line="123"/>
        <source>Close this list</source>
        <translation>Fechar esta lista</translation>
    </message>
</context>
<context>
    <name>Sidebar</name>
    <message>
        <location filename="../../ui/sidebar.py" line="52"/>
        <location filename="../../ui/sidebar.py" line="55"/>
        <source>Search all conversations</source>
        <extracomment>Open a conversation (id), optionally at a message (id, or 0). A conversation was deleted (id): the window closes it if it is shown.</extracomment>
        <translation>Buscar em todas as conversas</translation>
    </message>
    <message>
        <location filename="../../ui/sidebar.py" line="54"/>
        <source>Find words in the messages of every conversation</source>
        <translation>Procurar palavras nas mensagens de todas as conversas</translation>
    </message>
    <message>
        <location filename="../../ui/sidebar.py" line="60"/>
        <source>Conversations</source>
        <translation>Conversas</translation>
    </message>
    <message>
        <location filename="../../ui/sidebar.py" line="61"/>
        <source>Your conversations: click one to open it, right-click to rename, pin, export or delete it</source>
        <translation>Suas conversas: clique em uma para abri-la, clique com o botão direito para renomear, fixar, exportar ou excluir</translation>
    </message>
    <message>
        <location filename="../../ui/sidebar.py" line="64"/>
        <source>Undo</source>
        <translation>Desfazer</translation>
    </message>
    <message>
        <location filename="../../ui/sidebar.py" line="66"/>
        <source>Bring back the conversation just deleted</source>
        <translation>Trazer de volta a conversa que acabou de ser excluída</translation>
    </message>
    <message>
        <location filename="../../ui/sidebar.py" line="73"/>
        <source>New chat</source>
        <translation>Nova conversa</translation>
    </message>
    <message>
        <location filename="../../ui/sidebar.py" line="74"/>
        <source>Start a new conversation</source>
        <translation>Começar uma nova conversa</translation>
    </message>
    <message>
        <location filename="../../ui/sidebar.py" line="76"/>
        <source>Import…</source>
        <translation>Importar…</translation>
    </message>
    <message>
        <location filename="../../ui/sidebar.py" line="77"/>
        <source>Add a conversation saved as JSON by Prosa or another chat app</source>
        <translation>Adicionar uma conversa salva em JSON pelo Prosa ou por outro app de chat</translation>
    </message>
    <message>
        <location filename="../../ui/sidebar.py" line="155"/>
        <source>Pinned</source>
        <translation>Fixadas</translation>
    </message>
    <message>
        <location filename="../../ui/sidebar.py" line="159"/>
        <source>New conversation</source>
        <translation>Nova conversa</translation>
    </message>
    <message>
        <location filename="../../ui/sidebar.py" line="162"/>
        <source>%1 messages, last on %2</source>
        <translation>%1 mensagens, a última em %2</translation>
    </message>
    <message>
        <location filename="../../ui/sidebar.py" line="169"/>
        <source>No conversations yet</source>
        <translation>Nenhuma conversa ainda</translation>
    </message>
    <message>
        <location filename="../../ui/sidebar.py" line="175"/>
        <source>Today</source>
        <translation>Hoje</translation>
    </message>
    <message>
        <location filename="../../ui/sidebar.py" line="177"/>
        <source>Yesterday</source>
        <translation>Ontem</translation>
    </message>
    <message>
        <location filename="../../ui/sidebar.py" line="179"/>
        <source>Previous 7 days</source>
        <translation>Últimos 7 dias</translation>
    </message>
    <message>
        <location filename="../../ui/sidebar.py" line="181"/>
        <source>Previous 30 days</source>
        <translation>Últimos 30 dias</translation>
    </message>
    <message>
        <location filename="../../ui/sidebar.py" line="182"/>
        <source>Older</source>
        <translation>Mais antigas</translation>
    </message>
    <message>
        <location filename="../../ui/sidebar.py" line="186"/>
        <source>Nothing found</source>
        <translation>Nada encontrado</translation>
    </message>
    <message>
        <location filename="../../ui/sidebar.py" line="188"/>
        <source>%1 matches</source>
        <translation>%1 resultados</translation>
    </message>
    <message>
        <location filename="../../ui/sidebar.py" line="228"/>
        <source>Rename…</source>
        <translation>Renomear…</translation>
    </message>
    <message>
        <location filename="../../ui/sidebar.py" line="229"/>
        <source>Unpin</source>
        <translation>Desafixar</translation>
    </message>
    <message>
        <location filename="../../ui/sidebar.py" line="229"/>
        <source>Pin</source>
        <translation>Fixar</translation>
    </message>
    <message>
        <location filename="../../ui/sidebar.py" line="231"/>
        <source>Export as Markdown…</source>
        <translation>Exportar como Markdown…</translation>
    </message>
    <message>
        <location filename="../../ui/sidebar.py" line="233"/>
        <source>Export as JSON…</source>
        <translation>Exportar como JSON…</translation>
    </message>
    <message>
        <location filename="../../ui/sidebar.py" line="235"/>
        <source>Delete</source>
        <translation>Excluir</translation>
    </message>
    <message>
        <location filename="../../ui/sidebar.py" line="245"/>
        <source>Rename conversation</source>
        <translation>Renomear conversa</translation>
    </message>
    <message>
        <location filename="../../ui/sidebar.py" line="246"/>
        <source>Title:</source>
        <translation>Título:</translation>
    </message>
    <message>
        <location filename="../../ui/sidebar.py" line="254"/>
        <source>Conversation deleted.</source>
        <translation>Conversa excluída.</translation>
    </message>
</context>
<context>
    <name>StatusLine</name>
    <message>
        <location filename="../../ui/status_line.py" line="27"/>
        <location filename="../../ui/status_line.py" line="50"/>
        <source>No model</source>
        <translation>Nenhum modelo</translation>
    </message>
    <message>
        <location filename="../../ui/status_line.py" line="38"/>
        <source>The chat template in use; click to edit it</source>
        <translation>O template de chat em uso; clique para editá-lo</translation>
    </message>
    <message>
        <location filename="../../ui/status_line.py" line="52"/>
        <source>Loading %1…</source>
        <translation>Carregando %1…</translation>
    </message>
    <message>
        <location filename="../../ui/status_line.py" line="54"/>
        <source>%1 (engine restarts with the next message)</source>
        <translation>%1 (o motor reinicia na próxima mensagem)</translation>
    </message>
    <message>
        <location filename="../../ui/status_line.py" line="62"/>
        <source>1 token…</source>
        <translation>1 token…</translation>
    </message>
    <message>
        <location filename="../../ui/status_line.py" line="63"/>
        <source>%1 tokens…</source>
        <translation>%1 tokens…</translation>
    </message>
    <message>
        <location filename="../../ui/status_line.py" line="66"/>
        <source>%1 tok/s</source>
        <translation>%1 tok/s</translation>
    </message>
    <message>
        <location filename="../../ui/status_line.py" line="70"/>
        <source>first token %1 ms</source>
        <translation>primeiro token %1 ms</translation>
    </message>
    <message>
        <location filename="../../ui/status_line.py" line="81"/>
        <source>context %1 / %2: too long</source>
        <translation>contexto %1 / %2: longo demais</translation>
    </message>
    <message>
        <location filename="../../ui/status_line.py" line="85"/>
        <source>The conversation with your draft needs %1 tokens, but the model&apos;s context holds %2, %3 of them kept for the reply. Shorten the message, start a new chat, raise the context length, or let Prosa drop old messages (Engine tab).</source>
        <translation>A conversa com o seu rascunho precisa de %1 tokens, mas o contexto do modelo comporta %2, %3 deles reservados para a resposta. Encurte a mensagem, comece uma nova conversa, aumente o tamanho do contexto ou deixe o Prosa descartar mensagens antigas (aba Motor).</translation>
    </message>
    <message>
        <location filename="../../ui/status_line.py" line="92"/>
        <source>context %1 / %2</source>
        <translation>contexto %1 / %2</translation>
    </message>
    <message>
        <location filename="../../ui/status_line.py" line="94"/>
        <source>Tokens this conversation would use with your draft, out of the model&apos;s context.</source>
        <translation>Tokens que esta conversa usaria com o seu rascunho, do contexto do modelo.</translation>
    </message>
    <message>
        <location filename="../../ui/status_line.py" line="97"/>
        <source>Tokens this conversation would use with your draft, out of the model&apos;s context. %1 of them are already read, so the reply will start sooner.</source>
        <translation>Tokens que esta conversa usaria com o seu rascunho, do contexto do modelo. %1 deles já foram lidos, e a resposta começará mais cedo.</translation>
    </message>
    <message>
        <location filename="../../ui/status_line.py" line="114"/>
        <source>Completion mode</source>
        <translation>Modo de completar texto</translation>
    </message>
    <message>
        <location filename="../../ui/status_line.py" line="116"/>
        <source>Template: the model&apos;s own</source>
        <translation>Template: o do próprio modelo</translation>
    </message>
    <message>
        <location filename="../../ui/status_line.py" line="117"/>
        <source>Template: the model&apos;s tool-use variant</source>
        <translation>Template: a variante do modelo para ferramentas</translation>
    </message>
    <message>
        <location filename="../../ui/status_line.py" line="118"/>
        <source>Template: your override</source>
        <translation>Template: o seu, personalizado</translation>
    </message>
    <message>
        <location filename="../../ui/status_line.py" line="119"/>
        <source>Template: the server&apos;s own</source>
        <translation>Template: o do próprio servidor</translation>
    </message>
    <message>
        <location filename="../../ui/status_line.py" line="120"/>
        <source>Template: built-in %1</source>
        <translation>Template: %1 embutido</translation>
    </message>
</context>
<context>
    <name>StructuredOutputDialog</name>
    <message>
        <location filename="../../ui/tools/structured_output.py" line="240"/>
        <source>Reply format</source>
        <translation>Formato da resposta</translation>
    </message>
    <message>
        <location filename="../../ui/tools/structured_output.py" line="242"/>
        <source>Constrain every reply of this conversation: with a JSON schema the model can only write JSON that matches it, and the reply shows whether it does.</source>
        <translation>Restrinja todas as respostas desta conversa: com um esquema JSON, o modelo só consegue escrever JSON que o siga, e a resposta mostra se segue.</translation>
    </message>
    <message>
        <location filename="../../ui/tools/structured_output.py" line="248"/>
        <source>Use this format for the replies of this conversation</source>
        <translation>Usar este formato nas respostas desta conversa</translation>
    </message>
</context>
<context>
    <name>StructuredOutputEditor</name>
    <message>
        <location filename="../../ui/tools/structured_output.py" line="68"/>
        <source>Free text</source>
        <extracomment>A grammar example: replies of one word (the shortest useful GBNF).</extracomment>
        <translation>Texto livre</translation>
    </message>
    <message>
        <location filename="../../ui/tools/structured_output.py" line="69"/>
        <source>JSON that matches a schema</source>
        <translation>JSON que segue um esquema</translation>
    </message>
    <message>
        <location filename="../../ui/tools/structured_output.py" line="70"/>
        <source>Text that follows a grammar (GBNF)</source>
        <translation>Texto que segue uma gramática (GBNF)</translation>
    </message>
    <message>
        <location filename="../../ui/tools/structured_output.py" line="71"/>
        <source>The shape every reply in this conversation must take; the model cannot write anything else</source>
        <translation>A forma que toda resposta desta conversa precisa ter; o modelo não consegue escrever outra coisa</translation>
    </message>
    <message>
        <location filename="../../ui/tools/structured_output.py" line="76"/>
        <source>Examples</source>
        <translation>Exemplos</translation>
    </message>
    <message>
        <location filename="../../ui/tools/structured_output.py" line="77"/>
        <source>Fill the editor with an example</source>
        <translation>Preencher o editor com um exemplo</translation>
    </message>
    <message>
        <location filename="../../ui/tools/structured_output.py" line="85"/>
        <source>Grammar: yes, no or maybe</source>
        <translation>Gramática: sim, não ou talvez</translation>
    </message>
    <message>
        <location filename="../../ui/tools/structured_output.py" line="93"/>
        <source>Schema or grammar</source>
        <translation>Esquema ou gramática</translation>
    </message>
    <message>
        <location filename="../../ui/tools/structured_output.py" line="100"/>
        <source>Replies</source>
        <translation>Respostas</translation>
    </message>
    <message>
        <location filename="../../ui/tools/structured_output.py" line="113"/>
        <source>A person with an address (nested objects)</source>
        <translation>Uma pessoa com endereço (objetos aninhados)</translation>
    </message>
    <message>
        <location filename="../../ui/tools/structured_output.py" line="114"/>
        <source>A review (choices and numbers with bounds)</source>
        <translation>Uma avaliação (opções e números com limites)</translation>
    </message>
    <message>
        <location filename="../../ui/tools/structured_output.py" line="115"/>
        <source>A shopping list (arrays with bounds)</source>
        <translation>Uma lista de compras (listas com limites)</translation>
    </message>
    <message>
        <location filename="../../ui/tools/structured_output.py" line="169"/>
        <source>The model writes whatever it likes.</source>
        <translation>O modelo escreve o que quiser.</translation>
    </message>
    <message>
        <location filename="../../ui/tools/structured_output.py" line="170"/>
        <source>A JSON schema, for example {&quot;type&quot;: &quot;object&quot;, &quot;properties&quot;: {&quot;name&quot;: {&quot;type&quot;: &quot;string&quot;}}}</source>
        <translation>Um esquema JSON, por exemplo {&quot;type&quot;: &quot;object&quot;, &quot;properties&quot;: {&quot;name&quot;: {&quot;type&quot;: &quot;string&quot;}}}</translation>
    </message>
    <message>
        <location filename="../../ui/tools/structured_output.py" line="172"/>
        <source>A llama.cpp grammar, starting from the rule root, for example root ::= &quot;yes&quot; | &quot;no&quot;</source>
        <translation>Uma gramática do llama.cpp, a partir da regra root, por exemplo root ::= &quot;yes&quot; | &quot;no&quot;</translation>
    </message>
    <message>
        <location filename="../../ui/tools/structured_output.py" line="188"/>
        <source>Replies are free text.</source>
        <translation>As respostas são texto livre.</translation>
    </message>
    <message>
        <location filename="../../ui/tools/structured_output.py" line="190"/>
        <source>Write a schema, or pick one of the examples.</source>
        <translation>Escreva um esquema ou escolha um dos exemplos.</translation>
    </message>
    <message>
        <location filename="../../ui/tools/structured_output.py" line="192"/>
        <source>Write a grammar, or pick the example.</source>
        <translation>Escreva uma gramática ou escolha o exemplo.</translation>
    </message>
    <message>
        <location filename="../../ui/tools/structured_output.py" line="197"/>
        <source>✓ A valid JSON schema: replies will match it.</source>
        <translation>✓ Um esquema JSON válido: as respostas vão segui-lo.</translation>
    </message>
    <message>
        <location filename="../../ui/tools/structured_output.py" line="201"/>
        <source>✓ The grammar has its root rule; the engine checks the rest when the reply starts.</source>
        <translation>✓ A gramática tem a regra root; o motor verifica o resto quando a resposta começa.</translation>
    </message>
</context>
<context>
    <name>SystemPromptPanel</name>
    <message>
        <location filename="../../ui/system_prompt.py" line="37"/>
        <source>Instructions the model reads before the conversation. Each chat keeps its own.</source>
        <extracomment>The text of the current conversation&apos;s system prompt changed. The user wants new chats to start with this text.</extracomment>
        <translation>Instruções que o modelo lê antes da conversa. Cada conversa guarda as suas.</translation>
    </message>
    <message>
        <location filename="../../ui/system_prompt.py" line="44"/>
        <source>Saved system prompts: pick one to use it in this chat.</source>
        <translation>Prompts de sistema salvos: escolha um para usá-lo nesta conversa.</translation>
    </message>
    <message>
        <location filename="../../ui/system_prompt.py" line="49"/>
        <source>No system prompt: the model&apos;s default behaviour.</source>
        <translation>Sem prompt de sistema: o comportamento padrão do modelo.</translation>
    </message>
    <message>
        <location filename="../../ui/system_prompt.py" line="51"/>
        <source>System prompt</source>
        <translation>Prompt de sistema</translation>
    </message>
    <message>
        <location filename="../../ui/system_prompt.py" line="53"/>
        <source>The system prompt of this chat: the model reads it before the conversation</source>
        <translation>O prompt de sistema desta conversa: o modelo o lê antes da conversa</translation>
    </message>
    <message>
        <location filename="../../ui/system_prompt.py" line="57"/>
        <source>Save as…</source>
        <translation>Salvar como…</translation>
    </message>
    <message>
        <location filename="../../ui/system_prompt.py" line="58"/>
        <source>Rename…</source>
        <translation>Renomear…</translation>
    </message>
    <message>
        <location filename="../../ui/system_prompt.py" line="59"/>
        <source>Delete</source>
        <translation>Excluir</translation>
    </message>
    <message>
        <location filename="../../ui/system_prompt.py" line="61"/>
        <source>Save this text under a name, to use it in other chats</source>
        <translation>Salvar este texto com um nome, para usá-lo em outras conversas</translation>
    </message>
    <message>
        <location filename="../../ui/system_prompt.py" line="63"/>
        <source>Rename the saved system prompt</source>
        <translation>Renomear o prompt de sistema salvo</translation>
    </message>
    <message>
        <location filename="../../ui/system_prompt.py" line="64"/>
        <source>Delete the saved system prompt; the text in this chat stays</source>
        <translation>Excluir o prompt de sistema salvo; o texto nesta conversa fica</translation>
    </message>
    <message>
        <location filename="../../ui/system_prompt.py" line="70"/>
        <source>Use for new chats</source>
        <translation>Usar nas novas conversas</translation>
    </message>
    <message>
        <location filename="../../ui/system_prompt.py" line="73"/>
        <source>New chats start with this system prompt (this chat and the others keep their own).</source>
        <translation>As novas conversas começam com este prompt de sistema (esta conversa e as outras mantêm o seu).</translation>
    </message>
    <message>
        <location filename="../../ui/system_prompt.py" line="96"/>
        <source>(custom)</source>
        <translation>(personalizado)</translation>
    </message>
    <message>
        <location filename="../../ui/system_prompt.py" line="135"/>
        <source>Save system prompt</source>
        <translation>Salvar prompt de sistema</translation>
    </message>
    <message>
        <location filename="../../ui/system_prompt.py" line="136"/>
        <source>Name:</source>
        <translation>Nome:</translation>
    </message>
    <message>
        <location filename="../../ui/system_prompt.py" line="142"/>
        <source>Replace system prompt</source>
        <translation>Substituir prompt de sistema</translation>
    </message>
    <message>
        <location filename="../../ui/system_prompt.py" line="143"/>
        <source>A system prompt named “%1” exists. Replace it?</source>
        <translation>Já existe um prompt de sistema chamado “%1”. Substituir?</translation>
    </message>
    <message>
        <location filename="../../ui/system_prompt.py" line="153"/>
        <source>Rename system prompt</source>
        <translation>Renomear prompt de sistema</translation>
    </message>
    <message>
        <location filename="../../ui/system_prompt.py" line="154"/>
        <source>New name:</source>
        <translation>Novo nome:</translation>
    </message>
    <message>
        <location filename="../../ui/system_prompt.py" line="164"/>
        <source>Delete system prompt</source>
        <translation>Excluir prompt de sistema</translation>
    </message>
    <message>
        <location filename="../../ui/system_prompt.py" line="165"/>
        <source>Delete the saved system prompt “%1”? The text in this chat stays.</source>
        <translation>Excluir o prompt de sistema salvo “%1”? O texto desta conversa continua.</translation>
    </message>
    <message>
        <location filename="../../ui/system_prompt.py" line="182"/>
        <location filename="../../ui/system_prompt.py" line="184"/>
        <source>System prompts</source>
        <translation>Prompts de sistema</translation>
    </message>
    <message>
        <location filename="../../ui/system_prompt.py" line="185"/>
        <source>Could not save the system prompts: %1</source>
        <translation>Não foi possível salvar os prompts de sistema: %1</translation>
    </message>
</context>
<context>
    <name>TemplateEditor</name>
    <message>
        <location filename="../../ui/template_editor.py" line="57"/>
        <source>Chat template: %1</source>
        <extracomment>The failing line, in the English message when the problem has no ``line`` field. The user saved: the new override&apos;s source, or None to remove the override.</extracomment>
        <translation>Template de chat: %1</translation>
    </message>
    <message>
        <location filename="../../ui/template_editor.py" line="69"/>
        <source>The chat template turns the conversation into the text the model reads. Changes are saved for this model only and can be undone with “Use the model&apos;s own”.</source>
        <extracomment>The error shown (in the user&apos;s language), &quot;&quot; when the template renders. The template line marked as failing, if any.</extracomment>
        <translation>O template de chat transforma a conversa no texto que o modelo lê. As mudanças valem só para este modelo e podem ser desfeitas com “Usar o do modelo”.</translation>
    </message>
    <message>
        <location filename="../../ui/template_editor.py" line="79"/>
        <source>Template source</source>
        <translation>Código do template</translation>
    </message>
    <message>
        <location filename="../../ui/template_editor.py" line="80"/>
        <source>The Jinja source of the chat template; the preview follows as you type</source>
        <translation>O código Jinja do template de chat; a prévia acompanha enquanto você digita</translation>
    </message>
    <message>
        <location filename="../../ui/template_editor.py" line="89"/>
        <source>Preview</source>
        <translation>Prévia</translation>
    </message>
    <message>
        <location filename="../../ui/template_editor.py" line="90"/>
        <source>The text the model would read for a sample conversation</source>
        <translation>O texto que o modelo leria para uma conversa de exemplo</translation>
    </message>
    <message>
        <location filename="../../ui/template_editor.py" line="101"/>
        <source>Template (Jinja)</source>
        <translation>Template (Jinja)</translation>
    </message>
    <message>
        <location filename="../../ui/template_editor.py" line="106"/>
        <source>Preview on a sample conversation</source>
        <translation>Prévia com uma conversa de exemplo</translation>
    </message>
    <message>
        <location filename="../../ui/template_editor.py" line="112"/>
        <source>Use the model&apos;s own</source>
        <translation>Usar o do modelo</translation>
    </message>
    <message>
        <location filename="../../ui/template_editor.py" line="115"/>
        <source>Forget your changes and use the template that came with the model</source>
        <translation>Esquecer suas alterações e usar o template que veio com o modelo</translation>
    </message>
    <message>
        <location filename="../../ui/template_editor.py" line="117"/>
        <source>Save for this model</source>
        <translation>Salvar para este modelo</translation>
    </message>
    <message>
        <location filename="../../ui/template_editor.py" line="120"/>
        <source>Use this template for this model from now on</source>
        <translation>Usar este template para este modelo daqui em diante</translation>
    </message>
    <message>
        <location filename="../../ui/template_editor.py" line="121"/>
        <source>Close</source>
        <translation>Fechar</translation>
    </message>
    <message>
        <location filename="../../ui/template_editor.py" line="122"/>
        <source>Close the editor; what was not saved is lost</source>
        <translation>Fechar o editor; o que não foi salvo se perde</translation>
    </message>
    <message>
        <location filename="../../ui/template_editor.py" line="127"/>
        <source>Start from a built-in template…</source>
        <translation>Começar de um template embutido…</translation>
    </message>
    <message>
        <location filename="../../ui/template_editor.py" line="131"/>
        <source>ChatML with tools (Hermes)</source>
        <translation>ChatML com ferramentas (Hermes)</translation>
    </message>
    <message>
        <location filename="../../ui/template_editor.py" line="134"/>
        <source>Replace the text with one of Prosa&apos;s built-in templates (ChatML with tools lets a ChatML model call tools)</source>
        <translation>Substituir o texto por um dos templates embutidos do Prosa (ChatML com ferramentas permite que um modelo ChatML chame ferramentas)</translation>
    </message>
    <message>
        <location filename="../../ui/template_editor.py" line="136"/>
        <source>Built-in templates</source>
        <translation>Templates embutidos</translation>
    </message>
    <message>
        <location filename="../../ui/template_editor.py" line="146"/>
        <source>Lesson: chat templates and roles</source>
        <translation>Lição: templates de chat e papéis</translation>
    </message>
    <message>
        <location filename="../../ui/template_editor.py" line="176"/>
        <source>The server formats this conversation with its own chat template: Prosa sends the messages and cannot see or change the template. To change it, change it on the server (llama-server: --chat-template-file; vLLM: --chat-template).</source>
        <extracomment>A remote server formats this model&apos;s prompts: nothing here applies.</extracomment>
        <translation>O servidor formata esta conversa com o próprio template de chat: o Prosa envia as mensagens e não pode ver nem mudar o template. Para mudá-lo, mude no servidor (llama-server: --chat-template-file; vLLM: --chat-template).</translation>
    </message>
    <message>
        <location filename="../../ui/template_editor.py" line="183"/>
        <source>The template is on the server.</source>
        <translation>O template fica no servidor.</translation>
    </message>
    <message>
        <location filename="../../ui/template_editor.py" line="184"/>
        <source>Use the prompt inspector to see the request Prosa sends.</source>
        <translation>Use o inspetor de prompt para ver a requisição que o Prosa envia.</translation>
    </message>
    <message>
        <location filename="../../ui/template_editor.py" line="204"/>
        <source>You are a helpful assistant.</source>
        <translation>Você é um assistente prestativo.</translation>
    </message>
    <message>
        <location filename="../../ui/template_editor.py" line="205"/>
        <source>Hello! Who are you?</source>
        <translation>Olá! Quem é você?</translation>
    </message>
    <message>
        <location filename="../../ui/template_editor.py" line="206"/>
        <source>I am a language model running on your computer.</source>
        <translation>Sou um modelo de linguagem rodando no seu computador.</translation>
    </message>
    <message>
        <location filename="../../ui/template_editor.py" line="208"/>
        <source>What can you do?</source>
        <translation>O que você sabe fazer?</translation>
    </message>
</context>
<context>
    <name>TemplatesPage</name>
    <message>
        <location filename="../../ui/learn/templates_page.py" line="25"/>
        <source>Chat templates and roles</source>
        <translation>Templates de chat e papéis</translation>
    </message>
    <message>
        <location filename="../../ui/learn/templates_page.py" line="29"/>
        <source>A chat model never sees a list of messages. It reads &lt;b&gt;one long text&lt;/b&gt;, and its &lt;b&gt;chat template&lt;/b&gt; writes that text: each message with markers around it that say who is speaking, its &lt;b&gt;role&lt;/b&gt;. The model learned these markers in training, so every model family writes roles its own way (ChatML, Llama 3, Gemma…), and a model given another family&apos;s markers answers worse. Below, one conversation three ways: as messages, as the exact text the model reads, and as the tokens it is cut into.</source>
        <translation>Um modelo de chat nunca vê uma lista de mensagens. Ele lê &lt;b&gt;um único texto longo&lt;/b&gt;, e quem escreve esse texto é o seu &lt;b&gt;template de chat&lt;/b&gt;: cada mensagem com marcadores em volta que dizem quem está falando, o seu &lt;b&gt;papel&lt;/b&gt;. O modelo aprendeu esses marcadores no treinamento, por isso cada família de modelos escreve os papéis do seu jeito (ChatML, Llama 3, Gemma…), e um modelo que recebe os marcadores de outra família responde pior. Abaixo, uma conversa de três formas: como mensagens, como o texto exato que o modelo lê e como os tokens em que ele é cortado.</translation>
    </message>
    <message>
        <location filename="../../ui/learn/templates_page.py" line="42"/>
        <source>1. As messages</source>
        <translation>1. Como mensagens</translation>
    </message>
    <message>
        <location filename="../../ui/learn/templates_page.py" line="45"/>
        <source>2. As the text the model reads</source>
        <translation>2. Como o texto que o modelo lê</translation>
    </message>
    <message>
        <location filename="../../ui/learn/templates_page.py" line="47"/>
        <source>Marked: what the template adds (line breaks drawn as ↵). Unmarked: the messages&apos; own words.</source>
        <translation>Destacado: o que o template acrescenta (quebras de linha desenhadas como ↵). Sem destaque: as palavras das próprias mensagens.</translation>
    </message>
    <message>
        <location filename="../../ui/learn/templates_page.py" line="54"/>
        <source>3. As tokens</source>
        <translation>3. Como tokens</translation>
    </message>
    <message>
        <location filename="../../ui/learn/templates_page.py" line="81"/>
        <source>%1 tokens, %2 of them special (control tokens, marked): the markers are single tokens the model knows, never spelled out letter by letter. The small number after each token is its id.</source>
        <translation>%1 tokens, %2 deles especiais (tokens de controle, destacados): os marcadores são tokens únicos que o modelo conhece, nunca soletrados letra por letra. O número pequeno depois de cada token é o seu id.</translation>
    </message>
    <message>
        <location filename="../../ui/learn/templates_page.py" line="88"/>
        <source>A special token: %1 (id %2)</source>
        <translation>Um token especial: %1 (id %2)</translation>
    </message>
    <message>
        <location filename="../../ui/learn/templates_page.py" line="89"/>
        <source>Token %2: “%1”</source>
        <translation>Token %2: “%1”</translation>
    </message>
    <message>
        <location filename="../../ui/learn/templates_page.py" line="97"/>
        <source>%1 is in completion mode: it reads the messages&apos; words as plain text, with no template and no roles (a base model has none).</source>
        <translation>%1 está no modo de completar: lê as palavras das mensagens como texto simples, sem template e sem papéis (um modelo base não tem nenhum).</translation>
    </message>
    <message>
        <location filename="../../ui/learn/templates_page.py" line="100"/>
        <source>your own template (set in the template editor)</source>
        <translation>o seu próprio template (definido no editor de templates)</translation>
    </message>
    <message>
        <location filename="../../ui/learn/templates_page.py" line="102"/>
        <source>the built-in %1 template (the model file has none)</source>
        <translation>o template embutido %1 (o arquivo do modelo não tem nenhum)</translation>
    </message>
    <message>
        <location filename="../../ui/learn/templates_page.py" line="105"/>
        <source>its own template&apos;s tool-use variant</source>
        <translation>a variante para ferramentas do seu próprio template</translation>
    </message>
    <message>
        <location filename="../../ui/learn/templates_page.py" line="107"/>
        <source>its own template, stored in the model file</source>
        <translation>o seu próprio template, guardado no arquivo do modelo</translation>
    </message>
    <message>
        <location filename="../../ui/learn/templates_page.py" line="108"/>
        <source>%1 writes the conversation with %2.</source>
        <translation>%1 escreve a conversa com %2.</translation>
    </message>
</context>
<context>
    <name>ThinkingPanel</name>
    <message>
        <location filename="../../ui/thinking_panel.py" line="55"/>
        <source>on</source>
        <extracomment>The budget&apos;s range and step, in tokens. A number switch&apos;s range (its box&apos;s lowest value, one below, means &quot;model default&quot;).</extracomment>
        <translation>ligado</translation>
    </message>
    <message>
        <location filename="../../ui/thinking_panel.py" line="56"/>
        <source>off</source>
        <translation>desligado</translation>
    </message>
    <message>
        <location filename="../../ui/thinking_panel.py" line="57"/>
        <source>not set</source>
        <translation>não definido</translation>
    </message>
    <message>
        <location filename="../../ui/thinking_panel.py" line="77"/>
        <source>Model default</source>
        <extracomment>The person changed something: mode (ThinkingMode), budget (int tokens, or None for no budget) and the switches set away from the model&apos;s default ({name: value}). The switch values given or chosen, by name, kept for switches not shown now.</extracomment>
        <translation>Padrão do modelo</translation>
    </message>
    <message>
        <location filename="../../ui/thinking_panel.py" line="78"/>
        <source>On</source>
        <translation>Ligado</translation>
    </message>
    <message>
        <location filename="../../ui/thinking_panel.py" line="79"/>
        <source>Off</source>
        <translation>Desligado</translation>
    </message>
    <message>
        <location filename="../../ui/thinking_panel.py" line="82"/>
        <source>Whether the model reasons before it answers. Model default leaves it to the chat template; On and Off switch it for every model that can think.</source>
        <translation>Se o modelo raciocina antes de responder. Padrão do modelo deixa a decisão ao template de chat; Ligado e Desligado a definem para todo modelo que sabe pensar.</translation>
    </message>
    <message>
        <location filename="../../ui/thinking_panel.py" line="84"/>
        <source>Thinking</source>
        <translation>Raciocínio</translation>
    </message>
    <message>
        <location filename="../../ui/thinking_panel.py" line="90"/>
        <source>No budget</source>
        <translation>Sem limite</translation>
    </message>
    <message>
        <location filename="../../ui/thinking_panel.py" line="91"/>
        <source> tokens</source>
        <translation> tokens</translation>
    </message>
    <message>
        <location filename="../../ui/thinking_panel.py" line="93"/>
        <source>The most tokens the model may think for (0: no budget). When it is reached, the thinking is closed and the model is told to answer, so a reply is never empty because thinking used up the maximum reply length.</source>
        <translation>O máximo de tokens que o modelo pode usar para pensar (0: sem limite). Ao chegar nele, o raciocínio é encerrado e o modelo é instruído a responder, para que uma resposta nunca fique vazia porque o raciocínio esgotou o tamanho máximo da resposta.</translation>
    </message>
    <message>
        <location filename="../../ui/thinking_panel.py" line="96"/>
        <source>Thinking budget in tokens</source>
        <translation>Limite de raciocínio em tokens</translation>
    </message>
    <message>
        <location filename="../../ui/thinking_panel.py" line="100"/>
        <source>&amp;Thinking:</source>
        <translation>&amp;Raciocínio:</translation>
    </message>
    <message>
        <location filename="../../ui/thinking_panel.py" line="101"/>
        <source>&amp;Budget:</source>
        <translation>&amp;Limite:</translation>
    </message>
    <message>
        <location filename="../../ui/thinking_panel.py" line="103"/>
        <source>Template switches</source>
        <translation>Opções do template</translation>
    </message>
    <message>
        <location filename="../../ui/thinking_panel.py" line="106"/>
        <source>Variables the model&apos;s chat template reads. Each starts at the model&apos;s default; set one to override it for this conversation.</source>
        <translation>Variáveis que o template de chat do modelo lê. Cada uma começa no padrão do modelo; altere uma para substituí-lo nesta conversa.</translation>
    </message>
    <message>
        <location filename="../../ui/thinking_panel.py" line="113"/>
        <source>Whether and how long the model reasons before it answers, for this conversation. Models that cannot think ignore it.</source>
        <translation>Se e por quanto tempo o modelo raciocina antes de responder, nesta conversa. Modelos que não raciocinam ignoram esta opção.</translation>
    </message>
    <message>
        <location filename="../../ui/thinking_panel.py" line="187"/>
        <source>The template&apos;s variable %1. Filled: the model&apos;s default (%2); checked: on; empty: off.</source>
        <translation>A variável %1 do template. Preenchida: o padrão do modelo (%2); marcada: ligada; vazia: desligada.</translation>
    </message>
    <message>
        <location filename="../../ui/thinking_panel.py" line="197"/>
        <location filename="../../ui/thinking_panel.py" line="218"/>
        <source>Model default (%1)</source>
        <translation>Padrão do modelo (%1)</translation>
    </message>
    <message>
        <location filename="../../ui/thinking_panel.py" line="201"/>
        <source>The template&apos;s variable %1; model default leaves it to the template.</source>
        <translation>A variável %1 do template; padrão do modelo deixa a decisão ao template.</translation>
    </message>
    <message>
        <location filename="../../ui/thinking_panel.py" line="221"/>
        <source>The template&apos;s variable %1; its lowest value, model default, leaves it to the template.</source>
        <translation>A variável %1 do template; seu menor valor, padrão do modelo, deixa a decisão ao template.</translation>
    </message>
</context>
<context>
    <name>TokenTable</name>
    <message>
        <location filename="../../ui/prompt_inspector.py" line="103"/>
        <source>#</source>
        <extracomment>A special token&apos;s style in the light theme. Token backgrounds (light theme), alternating so a token&apos;s end is visible.</extracomment>
        <translation>#</translation>
    </message>
    <message>
        <location filename="../../ui/prompt_inspector.py" line="103"/>
        <source>Id</source>
        <translation>Id</translation>
    </message>
    <message>
        <location filename="../../ui/prompt_inspector.py" line="103"/>
        <source>Piece</source>
        <translation>Pedaço</translation>
    </message>
</context>
<context>
    <name>TokensPage</name>
    <message>
        <location filename="../../ui/learn/tokens_page.py" line="34"/>
        <source>What a token is</source>
        <translation>O que é um token</translation>
    </message>
    <message>
        <location filename="../../ui/learn/tokens_page.py" line="38"/>
        <source>A language model never sees letters or words. Its &lt;b&gt;tokenizer&lt;/b&gt; cuts text into &lt;b&gt;tokens&lt;/b&gt;: common words stay whole, rarer ones are cut into pieces, and most pieces carry the space in front of them. Each token is a number, its &lt;b&gt;id&lt;/b&gt; in the model&apos;s vocabulary: the model reads and writes these numbers only. Below, your text is cut by the model you chat with, exactly as it reads it, with no chat template around it.</source>
        <translation>Um modelo de linguagem nunca vê letras nem palavras. O seu &lt;b&gt;tokenizador&lt;/b&gt; corta o texto em &lt;b&gt;tokens&lt;/b&gt;: as palavras comuns ficam inteiras, as mais raras são cortadas em pedaços, e a maioria dos pedaços leva junto o espaço que vem antes. Cada token é um número, o seu &lt;b&gt;id&lt;/b&gt; no vocabulário do modelo: o modelo só lê e escreve esses números. Abaixo, o seu texto é cortado pelo modelo com que você conversa, exatamente como ele o lê, sem nenhum template de chat em volta.</translation>
    </message>
    <message>
        <location filename="../../ui/learn/tokens_page.py" line="46"/>
        <source>Your text:</source>
        <translation>Seu texto:</translation>
    </message>
    <message>
        <location filename="../../ui/learn/tokens_page.py" line="50"/>
        <source>Text to cut into tokens</source>
        <translation>Texto a cortar em tokens</translation>
    </message>
    <message>
        <location filename="../../ui/learn/tokens_page.py" line="53"/>
        <source>Cut into tokens</source>
        <translation>Cortar em tokens</translation>
    </message>
    <message>
        <location filename="../../ui/learn/tokens_page.py" line="55"/>
        <source>Cut the text above into the model&apos;s tokens</source>
        <translation>Cortar o texto acima nos tokens do modelo</translation>
    </message>
    <message>
        <location filename="../../ui/learn/tokens_page.py" line="73"/>
        <source>&lt;b&gt;The same sentence in two languages&lt;/b&gt;</source>
        <translation>&lt;b&gt;A mesma frase em duas línguas&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../../ui/learn/tokens_page.py" line="104"/>
        <source>&lt;b&gt;%1&lt;/b&gt; characters, &lt;b&gt;%2&lt;/b&gt; tokens: &lt;b&gt;%3&lt;/b&gt; characters per token.</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; caracteres, &lt;b&gt;%2&lt;/b&gt; tokens: &lt;b&gt;%3&lt;/b&gt; caracteres por token.</translation>
    </message>
    <message>
        <location filename="../../ui/learn/tokens_page.py" line="109"/>
        <source>Each chip is one token, its id under it; the colours alternate so you can see where one token ends and the next begins. A space is drawn as ·, a line break as ↵.</source>
        <translation>Cada etiqueta é um token, com o id embaixo; as cores se alternam para mostrar onde um token termina e o próximo começa. Um espaço aparece como ·, uma quebra de linha como ↵.</translation>
    </message>
    <message>
        <location filename="../../ui/learn/tokens_page.py" line="114"/>
        <source>The first chip, %1, is not from your text: it is the model&apos;s start token, which the engine puts in front of every text for this model. It is not counted above.</source>
        <translation>A primeira etiqueta, %1, não vem do seu texto: é o token de início do modelo, que o motor coloca antes de todo texto para este modelo. Ela não entra na contagem acima.</translation>
    </message>
    <message>
        <location filename="../../ui/learn/tokens_page.py" line="119"/>
        <source>This model adds no start token in front of a text, so every chip is a piece of your text.</source>
        <translation>Este modelo não acrescenta nenhum token de início antes do texto, então cada etiqueta é um pedaço do seu texto.</translation>
    </message>
    <message>
        <location filename="../../ui/learn/tokens_page.py" line="125"/>
        <source>A special token: %1 (id %2)</source>
        <translation>Um token especial: %1 (id %2)</translation>
    </message>
    <message>
        <location filename="../../ui/learn/tokens_page.py" line="126"/>
        <source>Token %2: “%1”</source>
        <translation>Token %2: “%1”</translation>
    </message>
    <message>
        <location filename="../../ui/learn/tokens_page.py" line="132"/>
        <source>English</source>
        <translation>Inglês</translation>
    </message>
    <message>
        <location filename="../../ui/learn/tokens_page.py" line="132"/>
        <source>Portuguese</source>
        <translation>Português</translation>
    </message>
    <message>
        <location filename="../../ui/learn/tokens_page.py" line="137"/>
        <source>%1 tokens (%2 characters per token)</source>
        <translation>%1 tokens (%2 caracteres por token)</translation>
    </message>
    <message>
        <location filename="../../ui/learn/tokens_page.py" line="145"/>
        <source>The same sentence takes %1 tokens in Portuguese and %2 in English. A tokenizer learns its pieces from the text it was trained on, most often mainly English, so English words are often one token each, while Portuguese words, accents above all, are cut into more and smaller pieces. More tokens means a slower reply and less room in the model&apos;s context.</source>
        <translation>A mesma frase ocupa %1 tokens em português e %2 em inglês. Um tokenizador aprende seus pedaços com o texto em que foi treinado, quase sempre sobretudo em inglês, por isso as palavras em inglês muitas vezes são um token cada, enquanto as palavras em português, principalmente as acentuadas, são cortadas em mais pedaços, e menores. Mais tokens significam uma resposta mais lenta e menos espaço no contexto do modelo.</translation>
    </message>
    <message>
        <location filename="../../ui/learn/tokens_page.py" line="153"/>
        <source>The same sentence takes %1 tokens in Portuguese and %2 in English: this model&apos;s tokenizer learned its pieces from many languages, so Portuguese costs it no more than English. A tokenizer trained mostly on English cuts Portuguese into more and smaller pieces.</source>
        <translation>A mesma frase ocupa %1 tokens em português e %2 em inglês: o tokenizador deste modelo aprendeu seus pedaços com muitas línguas, então o português não lhe custa mais que o inglês. Um tokenizador treinado principalmente em inglês corta o português em mais pedaços, e menores.</translation>
    </message>
</context>
<context>
    <name>ToolsPage</name>
    <message>
        <location filename="../../ui/learn/tools_page.py" line="34"/>
        <source>A model calling a tool</source>
        <extracomment>How much of the prompt before and after the tools&apos; block step 1 shows.</extracomment>
        <translation>Um modelo chamando uma ferramenta</translation>
    </message>
    <message>
        <location filename="../../ui/learn/tools_page.py" line="38"/>
        <source>A model only writes text, yet it can use tools: Prosa &lt;b&gt;describes&lt;/b&gt; each tool in the prompt, the model &lt;b&gt;writes a call&lt;/b&gt; in a shape it was taught, Prosa &lt;b&gt;runs&lt;/b&gt; the tool and gives the &lt;b&gt;result&lt;/b&gt; back, and the model answers reading it. Small models are poor at arithmetic, so a calculator makes them exact. The starter model was never trained for tools, so here it reads the built-in template “%1” and is &lt;b&gt;required&lt;/b&gt; to call a tool: decoding then only allows a well-formed call.</source>
        <translation>Um modelo só escreve texto, mas pode usar ferramentas: o Prosa &lt;b&gt;descreve&lt;/b&gt; cada ferramenta no prompt, o modelo &lt;b&gt;escreve uma chamada&lt;/b&gt; no formato que aprendeu, o Prosa &lt;b&gt;executa&lt;/b&gt; a ferramenta e devolve o &lt;b&gt;resultado&lt;/b&gt;, e o modelo responde lendo-o. Modelos pequenos erram contas, então uma calculadora os torna exatos. O modelo inicial nunca foi treinado para ferramentas, por isso aqui ele lê o template embutido “%1” e é &lt;b&gt;obrigado&lt;/b&gt; a chamar uma ferramenta: a decodificação então só permite uma chamada bem formada.</translation>
    </message>
    <message>
        <location filename="../../ui/learn/tools_page.py" line="45"/>
        <source>ChatML with tools (Hermes)</source>
        <translation>ChatML com ferramentas (Hermes)</translation>
    </message>
    <message>
        <location filename="../../ui/learn/tools_page.py" line="49"/>
        <source>Question:</source>
        <translation>Pergunta:</translation>
    </message>
    <message>
        <location filename="../../ui/learn/tools_page.py" line="52"/>
        <source>Question</source>
        <translation>Pergunta</translation>
    </message>
    <message>
        <location filename="../../ui/learn/tools_page.py" line="53"/>
        <source>Change the question and press Enter to run the four steps again</source>
        <translation>Mude a pergunta e pressione Enter para executar os quatro passos de novo</translation>
    </message>
    <message>
        <location filename="../../ui/learn/tools_page.py" line="59"/>
        <source>1. The tool is offered</source>
        <translation>1. A ferramenta é oferecida</translation>
    </message>
    <message>
        <location filename="../../ui/learn/tools_page.py" line="61"/>
        <source>Its definition, a JSON schema of its arguments:</source>
        <translation>A definição dela, um esquema JSON dos seus argumentos:</translation>
    </message>
    <message>
        <location filename="../../ui/learn/tools_page.py" line="67"/>
        <source>Where the model reads it: the template writes it into the system turn (marked), with the shape a call must have:</source>
        <translation>Onde o modelo a lê: o template a escreve na vez do sistema (destacada), com o formato que uma chamada deve ter:</translation>
    </message>
    <message>
        <location filename="../../ui/learn/tools_page.py" line="73"/>
        <source>2. The model writes a call</source>
        <translation>2. O modelo escreve uma chamada</translation>
    </message>
    <message>
        <location filename="../../ui/learn/tools_page.py" line="82"/>
        <source>3. Prosa runs the tool</source>
        <translation>3. O Prosa executa a ferramenta</translation>
    </message>
    <message>
        <location filename="../../ui/learn/tools_page.py" line="88"/>
        <source>4. The model reads the result and answers</source>
        <translation>4. O modelo lê o resultado e responde</translation>
    </message>
    <message>
        <location filename="../../ui/learn/tools_page.py" line="90"/>
        <source>The end of the new prompt: the call, then the result in a tool turn:</source>
        <translation>O fim do novo prompt: a chamada e depois o resultado, na vez da ferramenta:</translation>
    </message>
    <message>
        <location filename="../../ui/learn/tools_page.py" line="136"/>
        <source>Prosa reads it as a call of &lt;b&gt;%1&lt;/b&gt; with the arguments &lt;code&gt;%2&lt;/code&gt;.</source>
        <translation>O Prosa a lê como uma chamada de &lt;b&gt;%1&lt;/b&gt; com os argumentos &lt;code&gt;%2&lt;/code&gt;.</translation>
    </message>
    <message>
        <location filename="../../ui/learn/tools_page.py" line="144"/>
        <source>The model answered: “%1”</source>
        <translation>O modelo respondeu: “%1”</translation>
    </message>
    <message>
        <location filename="../../ui/learn/tools_page.py" line="149"/>
        <source>The calculator checked the arguments against its schema, computed the expression and returned &lt;b&gt;%1&lt;/b&gt;, in %2 ms. This is the real tool the chat uses, not the model: its arithmetic is exact.</source>
        <translation>A calculadora conferiu os argumentos com o seu esquema, calculou a expressão e devolveu &lt;b&gt;%1&lt;/b&gt;, em %2 ms. É a ferramenta de verdade que o chat usa, não o modelo: a conta dela é exata.</translation>
    </message>
    <message>
        <location filename="../../ui/learn/tools_page.py" line="155"/>
        <source>The tool did not give a result: %1. The model is told so, as a result, and answers with that.</source>
        <translation>A ferramenta não deu um resultado: %1. O modelo fica sabendo disso, como resultado, e responde com isso.</translation>
    </message>
</context>
<context>
    <name>ToolsPanel</name>
    <message>
        <location filename="../../ui/tools/tools_panel.py" line="85"/>
        <source>Let the model use tools</source>
        <extracomment>Item data role of a tree item&apos;s (server, tool) pair. The state after a change the user made (a ToolsState). The user asked to add or change MCP servers (the window opens the dialog).</extracomment>
        <translation>Deixar o modelo usar ferramentas</translation>
    </message>
    <message>
        <location filename="../../ui/tools/tools_panel.py" line="87"/>
        <source>Offer the tools turned on below to the model; every call shows as a card in the conversation</source>
        <translation>Oferecer ao modelo as ferramentas ligadas abaixo; cada chamada aparece como um cartão na conversa</translation>
    </message>
    <message>
        <location filename="../../ui/tools/tools_panel.py" line="91"/>
        <source>The loaded model&apos;s chat template has no tool support, so no tool is offered to it. To use tools, choose a template with tools in the template editor.</source>
        <translation>O template de chat do modelo carregado não tem suporte a ferramentas, então nenhuma ferramenta é oferecida a ele. Para usar ferramentas, escolha um template com ferramentas no editor de templates.</translation>
    </message>
    <message>
        <location filename="../../ui/tools/tools_panel.py" line="98"/>
        <source>Lesson: how a model calls a tool</source>
        <translation>Lição: como um modelo chama uma ferramenta</translation>
    </message>
    <message>
        <location filename="../../ui/tools/tools_panel.py" line="104"/>
        <source>Built-in tools</source>
        <translation>Ferramentas embutidas</translation>
    </message>
    <message>
        <location filename="../../ui/tools/tools_panel.py" line="109"/>
        <source>MCP servers</source>
        <translation>Servidores MCP</translation>
    </message>
    <message>
        <location filename="../../ui/tools/tools_panel.py" line="116"/>
        <source>Automatic: the model decides. Required: it must call a tool. None: it sees the tools but may not call them. A tool&apos;s name: it must call that one.</source>
        <translation>Automática: o modelo decide. Obrigatória: ele precisa chamar uma ferramenta. Nenhuma: ele vê as ferramentas, mas não pode chamá-las. O nome de uma ferramenta: ele precisa chamar essa.</translation>
    </message>
    <message>
        <location filename="../../ui/tools/tools_panel.py" line="126"/>
        <source>The most tool calls one reply may make before the model must answer</source>
        <translation>O máximo de chamadas de ferramentas que uma resposta pode fazer antes de o modelo precisar responder</translation>
    </message>
    <message>
        <location filename="../../ui/tools/tools_panel.py" line="129"/>
        <source>Tool choice</source>
        <translation>Escolha de ferramenta</translation>
    </message>
    <message>
        <location filename="../../ui/tools/tools_panel.py" line="130"/>
        <source>Calls per reply</source>
        <translation>Chamadas por resposta</translation>
    </message>
    <message>
        <location filename="../../ui/tools/tools_panel.py" line="133"/>
        <source>Reply format</source>
        <translation>Formato da resposta</translation>
    </message>
    <message>
        <location filename="../../ui/tools/tools_panel.py" line="143"/>
        <source>Choose files…</source>
        <translation>Escolher arquivos…</translation>
    </message>
    <message>
        <location filename="../../ui/tools/tools_panel.py" line="145"/>
        <source>Pick the text files the model may read; it can read these and no others</source>
        <translation>Escolha os arquivos de texto que o modelo pode ler; ele lê estes e nenhum outro</translation>
    </message>
    <message>
        <location filename="../../ui/tools/tools_panel.py" line="148"/>
        <source>Remove</source>
        <translation>Remover</translation>
    </message>
    <message>
        <location filename="../../ui/tools/tools_panel.py" line="150"/>
        <source>The model can no longer read the chosen file</source>
        <translation>O modelo deixa de poder ler o arquivo escolhido</translation>
    </message>
    <message>
        <location filename="../../ui/tools/tools_panel.py" line="155"/>
        <location filename="../../ui/tools/tools_panel.py" line="447"/>
        <source>Files the model may read</source>
        <translation>Arquivos que o modelo pode ler</translation>
    </message>
    <message>
        <location filename="../../ui/tools/tools_panel.py" line="175"/>
        <source>Tools of MCP servers</source>
        <translation>Ferramentas de servidores MCP</translation>
    </message>
    <message>
        <location filename="../../ui/tools/tools_panel.py" line="178"/>
        <source>No MCP server is turned on. Add one to give the model tools from other programs.</source>
        <translation>Nenhum servidor MCP está ligado. Adicione um para dar ao modelo ferramentas de outros programas.</translation>
    </message>
    <message>
        <location filename="../../ui/tools/tools_panel.py" line="183"/>
        <source>Manage servers…</source>
        <translation>Gerenciar servidores…</translation>
    </message>
    <message>
        <location filename="../../ui/tools/tools_panel.py" line="185"/>
        <source>Add, change or test MCP servers</source>
        <translation>Adicionar, alterar ou testar servidores MCP</translation>
    </message>
    <message>
        <location filename="../../ui/tools/tools_panel.py" line="201"/>
        <source>Change…</source>
        <translation>Alterar…</translation>
    </message>
    <message>
        <location filename="../../ui/tools/tools_panel.py" line="203"/>
        <source>Free text, JSON that matches a schema, or text that follows a grammar</source>
        <translation>Texto livre, JSON que segue um esquema ou texto que segue uma gramática</translation>
    </message>
    <message>
        <location filename="../../ui/tools/tools_panel.py" line="214"/>
        <source>Calculator</source>
        <translation>Calculadora</translation>
    </message>
    <message>
        <location filename="../../ui/tools/tools_panel.py" line="215"/>
        <source>Computes arithmetic exactly: + − × ÷, powers, roots, sin, log …</source>
        <translation>Faz contas com exatidão: + − × ÷, potências, raízes, seno, log …</translation>
    </message>
    <message>
        <location filename="../../ui/tools/tools_panel.py" line="216"/>
        <source>Date and time</source>
        <translation>Data e hora</translation>
    </message>
    <message>
        <location filename="../../ui/tools/tools_panel.py" line="217"/>
        <source>Tells the model today&apos;s date, the time and the weekday, here or in another time zone.</source>
        <translation>Informa ao modelo a data de hoje, a hora e o dia da semana, aqui ou em outro fuso horário.</translation>
    </message>
    <message>
        <location filename="../../ui/tools/tools_panel.py" line="219"/>
        <source>Unit conversion</source>
        <translation>Conversão de unidades</translation>
    </message>
    <message>
        <location filename="../../ui/tools/tools_panel.py" line="220"/>
        <source>Converts lengths, weights, temperatures, speeds, volumes …</source>
        <translation>Converte comprimentos, pesos, temperaturas, velocidades, volumes …</translation>
    </message>
    <message>
        <location filename="../../ui/tools/tools_panel.py" line="221"/>
        <source>Read a text file</source>
        <translation>Ler um arquivo de texto</translation>
    </message>
    <message>
        <location filename="../../ui/tools/tools_panel.py" line="222"/>
        <source>Reads the text files you pick below, and no others.</source>
        <translation>Lê os arquivos de texto que você escolher abaixo, e nenhum outro.</translation>
    </message>
    <message>
        <location filename="../../ui/tools/tools_panel.py" line="328"/>
        <source>The tools of MCP server “%1”</source>
        <translation>As ferramentas do servidor MCP “%1”</translation>
    </message>
    <message>
        <location filename="../../ui/tools/tools_panel.py" line="352"/>
        <source>Automatic</source>
        <translation>Automático</translation>
    </message>
    <message>
        <location filename="../../ui/tools/tools_panel.py" line="353"/>
        <source>Required: must call a tool</source>
        <translation>Obrigatória: precisa chamar uma ferramenta</translation>
    </message>
    <message>
        <location filename="../../ui/tools/tools_panel.py" line="355"/>
        <source>None: may not call tools</source>
        <translation>Nenhuma: não pode chamar ferramentas</translation>
    </message>
    <message>
        <location filename="../../ui/tools/tools_panel.py" line="364"/>
        <source>Always call %1</source>
        <translation>Sempre chamar %1</translation>
    </message>
    <message>
        <location filename="../../ui/tools/tools_panel.py" line="374"/>
        <source>Free text</source>
        <translation>Texto livre</translation>
    </message>
    <message>
        <location filename="../../ui/tools/tools_panel.py" line="376"/>
        <source>JSON that matches a schema</source>
        <translation>JSON que segue um esquema</translation>
    </message>
    <message>
        <location filename="../../ui/tools/tools_panel.py" line="378"/>
        <source>Text that follows a grammar</source>
        <translation>Texto que segue uma gramática</translation>
    </message>
    <message>
        <location filename="../../ui/tools/tools_panel.py" line="448"/>
        <source>Text files (*.txt *.md *.csv *.json *.log *.xml *.yaml *.yml *.py);;All files (*)</source>
        <translation>Arquivos de texto (*.txt *.md *.csv *.json *.log *.xml *.yaml *.yml *.py);;Todos os arquivos (*)</translation>
    </message>
</context>
<context>
    <name>Tour</name>
    <message>
        <location filename="../../ui/first_run/tour.py" line="92"/>
        <source>Skip tour</source>
        <translation>Pular o tour</translation>
    </message>
    <message>
        <location filename="../../ui/first_run/tour.py" line="94"/>
        <source>End the tour now; it will not come back</source>
        <translation>Encerrar o tour agora; ele não volta</translation>
    </message>
    <message>
        <location filename="../../ui/first_run/tour.py" line="96"/>
        <location filename="../../ui/first_run/tour.py" line="136"/>
        <source>Next</source>
        <translation>Próximo</translation>
    </message>
    <message>
        <location filename="../../ui/first_run/tour.py" line="98"/>
        <source>Show the next part of the window</source>
        <translation>Mostra a próxima parte da janela</translation>
    </message>
    <message>
        <location filename="../../ui/first_run/tour.py" line="133"/>
        <source>%1 of %2</source>
        <translation>%1 de %2</translation>
    </message>
    <message>
        <location filename="../../ui/first_run/tour.py" line="136"/>
        <source>Done</source>
        <translation>Concluir</translation>
    </message>
</context>
<context>
    <name>Welcome</name>
    <message>
        <location filename="../../ui/first_run/welcome.py" line="47"/>
        <source>Explain an idea</source>
        <translation>Explicar uma ideia</translation>
    </message>
    <message>
        <location filename="../../ui/first_run/welcome.py" line="48"/>
        <source>A clear answer in plain words</source>
        <translation>Uma resposta clara, em palavras simples</translation>
    </message>
    <message>
        <location filename="../../ui/first_run/welcome.py" line="49"/>
        <source>Explain how a language model chooses its next word, in three short paragraphs.</source>
        <translation>Explique como um modelo de linguagem escolhe a próxima palavra, em três parágrafos curtos.</translation>
    </message>
    <message>
        <location filename="../../ui/first_run/welcome.py" line="54"/>
        <source>Write some code</source>
        <translation>Escrever código</translation>
    </message>
    <message>
        <location filename="../../ui/first_run/welcome.py" line="55"/>
        <source>Code blocks with highlighting and a Copy button</source>
        <translation>Blocos de código com destaque de sintaxe e um botão Copiar</translation>
    </message>
    <message>
        <location filename="../../ui/first_run/welcome.py" line="57"/>
        <source>Write a Python function that checks whether a word is a palindrome, with two examples of its use.</source>
        <translation>Escreva uma função em Python que verifica se uma palavra é um palíndromo, com dois exemplos de uso.</translation>
    </message>
    <message>
        <location filename="../../ui/first_run/welcome.py" line="62"/>
        <source>See the tokens</source>
        <translation>Ver os tokens</translation>
    </message>
    <message>
        <location filename="../../ui/first_run/welcome.py" line="63"/>
        <source>Each word coloured by how sure the model was; click one to see the others it weighed</source>
        <translation>Cada palavra colorida conforme a certeza do modelo; clique numa para ver as outras que ele considerou</translation>
    </message>
    <message>
        <location filename="../../ui/first_run/welcome.py" line="66"/>
        <source>Complete the sentence: The capital of Portugal is</source>
        <translation>Complete a frase: A capital de Portugal é</translation>
    </message>
</context>
<context>
    <name>WelcomePage</name>
    <message>
        <location filename="../../ui/first_run/welcome.py" line="144"/>
        <source>Open GGUF file…</source>
        <extracomment>An example was chosen: the prompt, and whether to turn the token view on. With no model: the user wants to open a file, or to find models.</extracomment>
        <translation>Abrir arquivo GGUF…</translation>
    </message>
    <message>
        <location filename="../../ui/first_run/welcome.py" line="147"/>
        <source>Load a model file from this computer</source>
        <translation>Carrega um arquivo de modelo deste computador</translation>
    </message>
    <message>
        <location filename="../../ui/first_run/welcome.py" line="149"/>
        <source>Find models…</source>
        <translation>Encontrar modelos…</translation>
    </message>
    <message>
        <location filename="../../ui/first_run/welcome.py" line="152"/>
        <source>Models recommended for this computer, and search on the Hugging Face Hub</source>
        <translation>Modelos recomendados para este computador, e busca no Hugging Face Hub</translation>
    </message>
    <message>
        <location filename="../../ui/first_run/welcome.py" line="162"/>
        <source>Ctrl+N a new chat  ·  Ctrl+K search every chat  ·  Ctrl+/ all shortcuts</source>
        <translation>Ctrl+N nova conversa  ·  Ctrl+K buscar em todas  ·  Ctrl+/ todos os atalhos</translation>
    </message>
    <message>
        <location filename="../../ui/first_run/welcome.py" line="191"/>
        <source>Welcome to Prosa</source>
        <translation>Boas-vindas ao Prosa</translation>
    </message>
    <message>
        <location filename="../../ui/first_run/welcome.py" line="192"/>
        <source>Chat with language models that run on your own computer. Load a model to begin.</source>
        <translation>Converse com modelos de linguagem que rodam no seu próprio computador. Carregue um modelo para começar.</translation>
    </message>
    <message>
        <location filename="../../ui/first_run/welcome.py" line="195"/>
        <source>%1 continues your text</source>
        <translation>%1 continua o seu texto</translation>
    </message>
    <message>
        <location filename="../../ui/first_run/welcome.py" line="196"/>
        <source>This is a base model: write the beginning of a text and it carries on. Everything stays on this computer.</source>
        <translation>Este é um modelo base: escreva o começo de um texto e ele continua. Tudo fica neste computador.</translation>
    </message>
    <message>
        <location filename="../../ui/first_run/welcome.py" line="200"/>
        <source>Chat with %1</source>
        <translation>Converse com %1</translation>
    </message>
    <message>
        <location filename="../../ui/first_run/welcome.py" line="201"/>
        <source>Privately, on this computer. Write a message below, or try one of these:</source>
        <translation>Com privacidade, neste computador. Escreva uma mensagem abaixo ou experimente uma destas:</translation>
    </message>
</context>
<context>
    <name>WindowCommands</name>
    <message>
        <location filename="../../ui/desktop/window_commands.py" line="101"/>
        <source>Open a model</source>
        <translation>Abrir um modelo</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/window_commands.py" line="102"/>
        <source>GGUF models (*.gguf);;All files (*)</source>
        <translation>Modelos GGUF (*.gguf);;Todos os arquivos (*)</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/window_commands.py" line="142"/>
        <source>There is no reply to copy yet.</source>
        <translation>Ainda não há resposta para copiar.</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/window_commands.py" line="145"/>
        <source>The last reply was copied.</source>
        <translation>A última resposta foi copiada.</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/window_commands.py" line="195"/>
        <source>The model was unloaded; its memory is free.</source>
        <translation>O modelo foi descarregado; a memória dele está livre.</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/window_commands.py" line="211"/>
        <source>No models used yet</source>
        <translation>Nenhum modelo usado ainda</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/window_commands.py" line="222"/>
        <source>%1 (its server was removed)</source>
        <translation>%1 (o servidor dele foi removido)</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/window_commands.py" line="269"/>
        <source>The new language and models folder take effect when Prosa starts again.</source>
        <translation>O novo idioma e a nova pasta de modelos valem quando o Prosa abrir de novo.</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/window_commands.py" line="291"/>
        <source>Save a problem report</source>
        <translation>Salvar um relatório de problema</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/window_commands.py" line="292"/>
        <source>Zip archives (*.zip)</source>
        <translation>Arquivos zip (*.zip)</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/window_commands.py" line="303"/>
        <source>Problem report saved</source>
        <translation>Relatório de problema salvo</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/window_commands.py" line="304"/>
        <source>The report was saved as %1. Attach it to your message; it holds the logs and a description of this computer, no conversations.</source>
        <translation>O relatório foi salvo como %1. Anexe-o à sua mensagem; ele contém os logs e uma descrição deste computador, nenhuma conversa.</translation>
    </message>
</context>
<context>
    <name>WindowFiles</name>
    <message>
        <location filename="../../ui/window_files.py" line="41"/>
        <source>Markdown (*.md)</source>
        <translation>Markdown (*.md)</translation>
    </message>
    <message>
        <location filename="../../ui/window_files.py" line="42"/>
        <source>JSON (*.json)</source>
        <translation>JSON (*.json)</translation>
    </message>
    <message>
        <location filename="../../ui/window_files.py" line="43"/>
        <source>Export conversation</source>
        <translation>Exportar conversa</translation>
    </message>
    <message>
        <location filename="../../ui/window_files.py" line="54"/>
        <source>Exported to %1</source>
        <translation>Exportado para %1</translation>
    </message>
    <message>
        <location filename="../../ui/window_files.py" line="61"/>
        <source>Import a conversation</source>
        <translation>Importar uma conversa</translation>
    </message>
    <message>
        <location filename="../../ui/window_files.py" line="62"/>
        <source>JSON (*.json);;All files (*)</source>
        <translation>JSON (*.json);;Todos os arquivos (*)</translation>
    </message>
</context>
<context>
    <name>WindowIntegration</name>
    <message>
        <location filename="../../ui/desktop/window_integration.py" line="110"/>
        <source>New chat</source>
        <extracomment>A reply that took longer than this is worth a notification when it ends unseen. Longest part of a reply quoted in its notification.</extracomment>
        <translation>Nova conversa</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/window_integration.py" line="150"/>
        <source>The reply is ready</source>
        <translation>A resposta está pronta</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/window_integration.py" line="154"/>
        <source>Download finished</source>
        <translation>Download concluído</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/window_integration.py" line="155"/>
        <source>%1 is ready to load.</source>
        <translation>%1 está pronto para carregar.</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/window_integration.py" line="187"/>
        <source>The settings panel</source>
        <translation>O painel de configurações</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/window_integration.py" line="188"/>
        <source>Everything about how the model answers lives here, beside the chat. Hide it with Ctrl+Shift+B.</source>
        <translation>Tudo sobre como o modelo responde fica aqui, ao lado da conversa. Oculte com Ctrl+Shift+B.</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/window_integration.py" line="190"/>
        <source>System prompt</source>
        <translation>Prompt de sistema</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/window_integration.py" line="191"/>
        <source>Instructions the model reads before the conversation: a role, a tone, rules. Each chat keeps its own.</source>
        <translation>Instruções que o modelo lê antes da conversa: um papel, um tom, regras. Cada conversa guarda as suas.</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/window_integration.py" line="193"/>
        <source>Sampling</source>
        <translation>Amostragem</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/window_integration.py" line="194"/>
        <source>How the next token is chosen. Presets go from precise to creative; the sliders show what each setting does.</source>
        <translation>Como o próximo token é escolhido. As predefinições vão do preciso ao criativo; os controles deslizantes mostram o que cada ajuste faz.</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/window_integration.py" line="196"/>
        <source>Engine</source>
        <translation>Motor</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/window_integration.py" line="197"/>
        <source>How much the model can read at once, GPU layers and threads, and the chat template that turns the conversation into the model&apos;s prompt.</source>
        <translation>Quanto o modelo consegue ler de uma vez, camadas na GPU e threads, e o template de chat que transforma a conversa no prompt do modelo.</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/window_integration.py" line="233"/>
        <source>Conversations brought back from the damaged file: %1</source>
        <translation>Conversas trazidas de volta do arquivo danificado: %1</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/window_integration.py" line="243"/>
        <source>Delete this message and everything after it in this branch?</source>
        <translation>Excluir esta mensagem e tudo o que vem depois dela neste ramo?</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/window_integration.py" line="244"/>
        <source>Delete this message?</source>
        <translation>Excluir esta mensagem?</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/window_integration.py" line="245"/>
        <source>Delete message</source>
        <translation>Excluir mensagem</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/window_integration.py" line="248"/>
        <source>Delete</source>
        <translation>Excluir</translation>
    </message>
</context>
<context>
    <name>WindowMenus</name>
    <message>
        <location filename="../../ui/desktop/menus.py" line="57"/>
        <source>&amp;File</source>
        <translation>&amp;Arquivo</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/menus.py" line="58"/>
        <source>&amp;Edit</source>
        <translation>&amp;Editar</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/menus.py" line="59"/>
        <source>&amp;View</source>
        <translation>E&amp;xibir</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/menus.py" line="60"/>
        <source>&amp;Model</source>
        <translation>&amp;Modelo</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/menus.py" line="61"/>
        <source>&amp;Help</source>
        <translation>Aj&amp;uda</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/menus.py" line="66"/>
        <source>&amp;New chat</source>
        <translation>&amp;Nova conversa</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/menus.py" line="67"/>
        <source>Start a new conversation</source>
        <translation>Começar uma nova conversa</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/menus.py" line="69"/>
        <source>&amp;Open GGUF file…</source>
        <translation>A&amp;brir arquivo GGUF…</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/menus.py" line="71"/>
        <source>Load a model file from this computer</source>
        <translation>Carrega um arquivo de modelo deste computador</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/menus.py" line="74"/>
        <source>&amp;Import conversation…</source>
        <translation>&amp;Importar conversa…</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/menus.py" line="76"/>
        <source>Add a conversation saved as JSON by Prosa or another chat app</source>
        <translation>Adicionar uma conversa salva em JSON pelo Prosa ou por outro app de chat</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/menus.py" line="79"/>
        <source>&amp;Export conversation as Markdown…</source>
        <translation>&amp;Exportar conversa como Markdown…</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/menus.py" line="81"/>
        <source>Save this conversation as a readable Markdown file</source>
        <translation>Salva esta conversa como um arquivo Markdown legível</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/menus.py" line="84"/>
        <source>Export conversation as &amp;JSON…</source>
        <translation>Exportar conversa como &amp;JSON…</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/menus.py" line="85"/>
        <source>Save this conversation with its branches, to import it again</source>
        <translation>Salva esta conversa com seus ramos, para importá-la de novo</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/menus.py" line="89"/>
        <source>&amp;Quit</source>
        <translation>&amp;Sair</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/menus.py" line="90"/>
        <source>Close Prosa</source>
        <translation>Fechar o Prosa</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/menus.py" line="96"/>
        <source>&amp;Copy</source>
        <translation>&amp;Copiar</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/menus.py" line="97"/>
        <source>Copy the selected text</source>
        <translation>Copia o texto selecionado</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/menus.py" line="99"/>
        <source>Copy &amp;last reply</source>
        <translation>Copiar a ú&amp;ltima resposta</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/menus.py" line="100"/>
        <source>Copy the model&apos;s last reply in this conversation</source>
        <translation>Copia a última resposta do modelo nesta conversa</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/menus.py" line="103"/>
        <source>&amp;Find in conversation…</source>
        <translation>&amp;Localizar na conversa…</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/menus.py" line="105"/>
        <source>Find text in the conversation shown</source>
        <translation>Localiza um texto na conversa exibida</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/menus.py" line="107"/>
        <source>&amp;Search all conversations…</source>
        <translation>&amp;Buscar em todas as conversas…</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/menus.py" line="109"/>
        <source>Search the text of every conversation</source>
        <translation>Busca no texto de todas as conversas</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/menus.py" line="112"/>
        <source>&amp;Preferences…</source>
        <translation>&amp;Preferências…</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/menus.py" line="113"/>
        <source>Language, theme, the Hub, folders and engine defaults</source>
        <translation>Idioma, tema, o Hub, pastas e padrões do motor</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/menus.py" line="120"/>
        <source>&amp;Conversations list</source>
        <translation>Lista de &amp;conversas</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/menus.py" line="121"/>
        <source>Show or hide the list of conversations</source>
        <translation>Mostra ou oculta a lista de conversas</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/menus.py" line="124"/>
        <source>&amp;Settings panel</source>
        <translation>&amp;Painel de configurações</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/menus.py" line="125"/>
        <source>Show or hide the system prompt, sampling and engine panel</source>
        <translation>Mostra ou oculta o painel de prompt de sistema, amostragem e motor</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/menus.py" line="129"/>
        <source>&amp;Token probabilities</source>
        <translation>Probabilidades dos &amp;tokens</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/menus.py" line="131"/>
        <source>Colour replies by how likely the model found each token (green: sure, red: surprising); click a token to see the alternatives it weighed</source>
        <translation>Colore as respostas conforme a probabilidade que o modelo deu a cada token (verde: certo, vermelho: surpresa); clique num token para ver as alternativas consideradas</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/menus.py" line="135"/>
        <source>Zoom &amp;in</source>
        <translation>&amp;Aumentar zoom</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/menus.py" line="137"/>
        <source>Larger text in the conversation</source>
        <translation>Texto maior na conversa</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/menus.py" line="139"/>
        <source>Zoom &amp;out</source>
        <translation>&amp;Diminuir zoom</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/menus.py" line="141"/>
        <source>Smaller text in the conversation</source>
        <translation>Texto menor na conversa</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/menus.py" line="143"/>
        <source>&amp;Actual size</source>
        <translation>&amp;Tamanho normal</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/menus.py" line="144"/>
        <source>The conversation&apos;s text at the system&apos;s size</source>
        <translation>O texto da conversa no tamanho do sistema</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/menus.py" line="146"/>
        <source>T&amp;heme</source>
        <translation>&amp;Tema</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/menus.py" line="150"/>
        <source>Follow the system</source>
        <translation>Seguir o sistema</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/menus.py" line="151"/>
        <source>Light</source>
        <translation>Claro</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/menus.py" line="152"/>
        <source>Dark</source>
        <translation>Escuro</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/menus.py" line="159"/>
        <source>&amp;Full screen</source>
        <translation>Tela &amp;cheia</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/menus.py" line="161"/>
        <source>Use the whole screen for Prosa</source>
        <translation>Usar a tela inteira para o Prosa</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/menus.py" line="169"/>
        <source>&amp;Models…</source>
        <translation>&amp;Modelos…</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/menus.py" line="170"/>
        <source>Your models, and new ones from the Hugging Face Hub</source>
        <translation>Seus modelos, e novos do Hugging Face Hub</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/menus.py" line="173"/>
        <source>&amp;Recent models</source>
        <translation>Modelos &amp;recentes</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/menus.py" line="177"/>
        <source>Remote &amp;servers…</source>
        <translation>&amp;Servidores remotos…</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/menus.py" line="178"/>
        <source>Servers that run models for Prosa (llama-server, vLLM, Ollama, LM Studio): add them and choose their models in the model menu</source>
        <translation>Servidores que rodam modelos para o Prosa (llama-server, vLLM, Ollama, LM Studio): adicione-os e escolha os modelos deles no menu de modelos</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/menus.py" line="183"/>
        <source>&amp;Reload with engine settings</source>
        <translation>Re&amp;carregar com as configurações do motor</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/menus.py" line="185"/>
        <source>Load the model again with the Engine tab&apos;s settings</source>
        <translation>Carrega o modelo de novo com as configurações da aba Motor</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/menus.py" line="187"/>
        <source>&amp;Unload model</source>
        <translation>&amp;Descarregar modelo</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/menus.py" line="188"/>
        <source>Free the memory the model uses</source>
        <translation>Libera a memória que o modelo usa</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/menus.py" line="191"/>
        <source>&amp;Engine settings…</source>
        <translation>Configurações do &amp;motor…</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/menus.py" line="192"/>
        <source>Context length, GPU layers, threads and the chat template</source>
        <translation>Tamanho do contexto, camadas na GPU, threads e o template de chat</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/menus.py" line="195"/>
        <source>Edit chat &amp;template…</source>
        <translation>Editar o &amp;template de chat…</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/menus.py" line="196"/>
        <source>See and change how conversations are written for this model</source>
        <translation>Veja e mude como as conversas são escritas para este modelo</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/menus.py" line="199"/>
        <source>&amp;Inspect prompt…</source>
        <translation>&amp;Inspecionar prompt…</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/menus.py" line="200"/>
        <source>Show the exact prompt and tokens the model would read if you sent your message now</source>
        <translation>Mostra o prompt exato e os tokens que o modelo leria se você enviasse sua mensagem agora</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/menus.py" line="207"/>
        <source>&amp;Learn…</source>
        <translation>&amp;Aprender…</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/menus.py" line="208"/>
        <source>Short lessons on how a chat with a language model works, run on your model</source>
        <translation>Lições curtas sobre como funciona uma conversa com um modelo de linguagem, rodadas no seu modelo</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/menus.py" line="212"/>
        <source>&amp;Keyboard shortcuts</source>
        <translation>&amp;Atalhos de teclado</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/menus.py" line="214"/>
        <source>Every shortcut Prosa knows</source>
        <translation>Todos os atalhos do Prosa</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/menus.py" line="217"/>
        <source>Open &amp;log folder</source>
        <translation>Abrir a pasta de &amp;logs</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/menus.py" line="218"/>
        <source>Show the folder with Prosa&apos;s logs</source>
        <translation>Mostra a pasta com os logs do Prosa</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/menus.py" line="220"/>
        <source>&amp;Report a problem…</source>
        <translation>&amp;Relatar um problema…</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/menus.py" line="221"/>
        <source>Save the logs and a description of this computer in one file to send with your report</source>
        <translation>Salva os logs e uma descrição deste computador num só arquivo para enviar com o seu relato</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/menus.py" line="225"/>
        <source>&amp;About Prosa</source>
        <translation>&amp;Sobre o Prosa</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/menus.py" line="226"/>
        <source>Version, licences and this computer</source>
        <translation>Versão, licenças e este computador</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/menus.py" line="231"/>
        <source>Main</source>
        <translation>Principal</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/menus.py" line="237"/>
        <source>Model:</source>
        <translation>Modelo:</translation>
    </message>
</context>
<context>
    <name>WindowMessages</name>
    <message>
        <location filename="../../ui/window_messages.py" line="61"/>
        <source>Edit message</source>
        <translation>Editar mensagem</translation>
    </message>
    <message>
        <location filename="../../ui/window_messages.py" line="62"/>
        <source>Your message (the original stays, as another branch):</source>
        <translation>Sua mensagem (a original fica, como outro ramo):</translation>
    </message>
    <message>
        <location filename="../../ui/window_messages.py" line="75"/>
        <source>Token probabilities are kept for replies made since Prosa started: older replies are shown without colours.</source>
        <translation>As probabilidades dos tokens são guardadas para as respostas feitas desde que o Prosa abriu: as respostas mais antigas aparecem sem cores.</translation>
    </message>
</context>
<context>
    <name>WindowModels</name>
    <message>
        <location filename="../../ui/window_models.py" line="185"/>
        <source>Preparing %1…</source>
        <translation>Preparando %1…</translation>
    </message>
</context>
<context>
    <name>WindowRemote</name>
    <message>
        <location filename="../../ui/window_remote.py" line="87"/>
        <source>A server&apos;s model is loaded: the server decides its own context length and hardware. The context, GPU, thread, flash attention, KV cache, snapshot and read-ahead settings below apply to models on this computer only.</source>
        <extracomment>Seconds a server&apos;s listing is trusted before opening the menu lists it again. Each server&apos;s section as last listed, by server id. The message whose prompt the inspector was asked for (None: the draft&apos;s).</extracomment>
        <translation>Um modelo de servidor está carregado: o servidor decide o próprio tamanho de contexto e hardware. As configurações abaixo de contexto, GPU, threads, flash attention, cache KV, conversas mantidas prontas e leitura adiantada valem só para modelos deste computador.</translation>
    </message>
    <message>
        <location filename="../../ui/window_remote.py" line="186"/>
        <source>%1 tokens, as the server says</source>
        <translation>%1 tokens, segundo o servidor</translation>
    </message>
    <message>
        <location filename="../../ui/window_remote.py" line="187"/>
        <source>not told by the server</source>
        <translation>não informado pelo servidor</translation>
    </message>
    <message>
        <location filename="../../ui/window_remote.py" line="189"/>
        <source>Server: %1
Model: %2
Context: %3
Template: the server&apos;s own; Prosa sends the conversation and the server formats it.</source>
        <translation>Servidor: %1
Modelo: %2
Contexto: %3
Template: o do próprio servidor; o Prosa envia a conversa e o servidor a formata.</translation>
    </message>
</context>
<context>
    <name>WindowServer</name>
    <message>
        <location filename="../../ui/window_server.py" line="52"/>
        <source>API server log…</source>
        <translation>Registro do servidor de API…</translation>
    </message>
    <message>
        <location filename="../../ui/window_server.py" line="55"/>
        <source>The requests Prosa&apos;s API server answered</source>
        <translation>Os pedidos que o servidor de API do Prosa respondeu</translation>
    </message>
    <message>
        <location filename="../../ui/window_server.py" line="74"/>
        <source>API server</source>
        <translation>Servidor de API</translation>
    </message>
</context>
<context>
    <name>WindowTools</name>
    <message>
        <location filename="../../ui/window_tools.py" line="68"/>
        <source>Tools</source>
        <extracomment>Listing a server&apos;s tools: one lane per server (a newer listing replaces an older one).</extracomment>
        <translation>Ferramentas</translation>
    </message>
</context>
<context>
    <name>app</name>
    <message>
        <location filename="../../ui/app.py" line="64"/>
        <source>Something went wrong: %1</source>
        <extracomment>The first-run tour waits until the window has settled on the screen. The locale of each language choice (the system&apos;s is asked when it is the choice).</extracomment>
        <translation>Algo deu errado: %1</translation>
    </message>
</context>
</TS>
