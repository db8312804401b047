; Inno Setup 6 script of the Windows installer of 联合验收排期 Joint Acceptance Scheduler.
; Saved as UTF-8 with a byte-order mark, so the Chinese names survive.
;
; Built on Windows after `python packaging\build.py` has made dist\joint-acceptance\ (see README
; "Install" ▸ "Building the Windows installer"); build.py runs this itself when iscc is on the PATH:
;   iscc /DAppVersion=0.1.0 packaging\windows\joint-acceptance.iss
; → dist\joint-acceptance-0.1.0-setup.exe
;
; Installs for all users into Program Files (an administrator, or IT's silent install:
;   joint-acceptance-0.1.0-setup.exe /VERYSILENT /SUPPRESSMSGBOXES /NORESTART /ALLUSERS)
; or, chosen in the first dialog or with /CURRENTUSER, for one user without administrator rights.
; Start menu entry, optional desktop icon, uninstaller in Settings ▸ Apps. Each user's database stays
; in %LOCALAPPDATA%\JointAcceptance\joint-acceptance and the window settings in the registry
; (HKCU\Software\JointAcceptance): the uninstaller leaves both, they are the user's data.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#ifndef BundleDir
  #define BundleDir AddBackslash(SourcePath) + "..\..\dist\joint-acceptance"
#endif
#ifndef OutputDir
  #define OutputDir AddBackslash(SourcePath) + "..\..\dist"
#endif
#define AppName "联合验收排期 Joint Acceptance Scheduler"
#define AppExe "joint-acceptance-app.exe"

[Setup]
; The AppId identifies the program across versions: an upgrade replaces the old one. Never change it.
AppId={{5E0B7C4A-2F61-4C8E-9A3D-7B1E6D2F4A90}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=Joint Acceptance Scheduler
DefaultDirName={autopf}\JointAcceptance
DefaultGroupName=联合验收排期
DisableProgramGroupPage=yes
PrivilegesRequired=admin
PrivilegesRequiredOverridesAllowed=commandline dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputDir={#OutputDir}
OutputBaseFilename=joint-acceptance-{#AppVersion}-setup
SetupIconFile={#AddBackslash(SourcePath)}..\..\resources\icons\joint-acceptance.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
CloseApplications=yes

[Languages]
; Inno Setup ships Chinese (Simplified) as a contributed translation: put ChineseSimplified.isl from
; its translations page next to this file, or into the compiler's Languages folder, to get it.
#if FileExists(AddBackslash(CompilerPath) + "Languages\ChineseSimplified.isl")
Name: "chinesesimplified"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"
#elif FileExists(AddBackslash(SourcePath) + "ChineseSimplified.isl")
Name: "chinesesimplified"; MessagesFile: "{#AddBackslash(SourcePath)}ChineseSimplified.isl"
#endif
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "{#BundleDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[InstallDelete]
; An upgrade first removes the old bundle's libraries: files a newer bundle no longer ships would otherwise
; stay in _internal and could be loaded instead of the new ones.
Type: filesandordirs; Name: "{app}\_internal"

[Icons]
Name: "{autoprograms}\联合验收排期"; Filename: "{app}\{#AppExe}"; Comment: "Joint Acceptance Scheduler"
Name: "{autodesktop}\联合验收排期"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,联合验收排期}"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
; Only the program folder; %LOCALAPPDATA%\JointAcceptance (the databases) is never touched.
Type: filesandordirs; Name: "{app}"
