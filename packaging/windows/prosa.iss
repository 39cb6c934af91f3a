; Inno Setup script for Prosa on Windows (NOT built on Prosa's Linux CI: it runs on the
; Windows runner of .github/workflows/package.yml).  packaging/build.py runs it after
; PyInstaller with:  iscc /DAppVersion=X.Y.Z /DSourceDir=<dist\prosa> /DOutputDir=<out>
;                         /DIconFile=<stage\prosa.ico> packaging\windows\prosa.iss
; Installs per user by default (no administrator needed), adds Start-menu entries, and
; registers .gguf files so a double-click opens them in Prosa.

#ifndef AppVersion
  #define AppVersion "0.0.0"
#endif

[Setup]
AppId={{6B1E3A52-4C7D-4F5B-9B0E-2F3C8A91D7E4}
AppName=Prosa
AppVersion={#AppVersion}
AppPublisher=The Prosa authors
DefaultDirName={autopf}\Prosa
DefaultGroupName=Prosa
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir={#OutputDir}
OutputBaseFilename=Prosa-{#AppVersion}-setup
SetupIconFile={#IconFile}
UninstallDisplayIcon={app}\prosa.exe
LicenseFile={#SourceDir}\_internal\resources\licences\Prosa-MIT.txt
Compression=lzma2/max
SolidCompression=yes
ChangesAssociations=yes
WizardStyle=modern

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"
Name: "brazilianportuguese"; MessagesFile: "compiler:Languages\BrazilianPortuguese.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\Prosa"; Filename: "{app}\prosa.exe"
Name: "{autodesktop}\Prosa"; Filename: "{app}\prosa.exe"; Tasks: desktopicon

[Registry]
; .gguf opens in Prosa ("Open with" and the default when no other app claims it).
Root: HKA; Subkey: "Software\Classes\.gguf\OpenWithProgids"; ValueType: string; ValueName: "Prosa.gguf"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\Prosa.gguf"; ValueType: string; ValueName: ""; ValueData: "GGUF language model"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\Prosa.gguf\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\prosa.exe,0"
Root: HKA; Subkey: "Software\Classes\Prosa.gguf\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\prosa.exe"" ""%1"""

[Run]
Filename: "{app}\prosa.exe"; Description: "{cm:LaunchProgram,Prosa}"; Flags: nowait postinstall skipifsilent
