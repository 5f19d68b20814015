; Inno Setup 6 script for fsa-desk (Windows 10/11, 64-bit). Step by step: packaging/README.md.
;
;   1. build:   py -3.11 packaging\build.py --check       -> dist\fsa-desk\
;   2. compile: "C:\Program Files (x86)\Inno Setup 6\ISCC.exe" /DAppVersion=0.1.0 /DSIGN ^
;                  /Ssigntool="signtool.exe sign /fd SHA256 /tr http://timestamp.digicert.com /td SHA256 /a $f" ^
;                  packaging\windows\fsa-desk.iss
;      -> dist\installer\fsa-desk-0.1.0-setup.exe (signed, as is everything it installs when
;         SignedUninstaller and the sign tool are given)
;
; The program goes to C:\Program Files\fsa-desk. The data (encrypted database, keys, backups)
; lives in each user's %LOCALAPPDATA%\fsa-desk and is never touched by installing, updating or
; uninstalling: a new version migrates the database on its first start, after a backup.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define Root "..\.."

[Setup]
; Never change the AppId: updates find the installed version by it.
AppId={{6C1B0E43-2A57-4F4B-9C36-5D2E8F0A7B19}
AppName=fsa-desk
AppVersion={#AppVersion}
AppVerName=fsa-desk {#AppVersion}
AppPublisher=fsa-desk
DefaultDirName={autopf}\fsa-desk
DefaultGroupName=fsa-desk
DisableProgramGroupPage=yes
PrivilegesRequired=admin
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputDir={#Root}\dist\installer
OutputBaseFilename=fsa-desk-{#AppVersion}-setup
SetupIconFile={#Root}\resources\icons\fsa-desk.ico
UninstallDisplayIcon={app}\fsa-desk.exe
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
; An update replaces the program while fsa-desk is closed (it asks to close a running one).
CloseApplications=yes
RestartApplications=no
; Define the sign tool on the ISCC command line (/Ssigntool=...) to sign setup and uninstaller.
#ifdef SIGN
SignTool=signtool
SignedUninstaller=yes
#endif
LicenseFile={#Root}\resources\licences\GPL-3.0.txt

[Languages]
Name: "de"; MessagesFile: "compiler:Languages\German.isl"
Name: "en"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[InstallDelete]
; An update starts from a clean program folder: no stale modules of the previous version.
; (The user's data is elsewhere, in %LOCALAPPDATA%\fsa-desk.)
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#Root}\dist\fsa-desk\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\fsa-desk"; Filename: "{app}\fsa-desk.exe"; Parameters: "gui"
Name: "{group}\fsa-desk (Demo)"; Filename: "{app}\fsa-desk.exe"; Parameters: "gui --demo"
Name: "{autodesktop}\fsa-desk"; Filename: "{app}\fsa-desk.exe"; Parameters: "gui"; Tasks: desktopicon

[Run]
Filename: "{app}\fsa-desk.exe"; Parameters: "gui"; Description: "{cm:LaunchProgram,fsa-desk}"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
; Only the program folder; %LOCALAPPDATA%\fsa-desk (the data) stays.
Type: filesandordirs; Name: "{app}\_internal"
