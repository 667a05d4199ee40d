; Skolehjem: the Windows installer (Inno Setup 6), per user, no administrator rights.
;
; Build on Windows, after the PyInstaller bundle is in dist\skolehjem (see README.md here):
;   powershell -ExecutionPolicy Bypass -File packaging\windows\build.ps1
; which runs, with the version read from skolehjem_desktop/__init__.py (its one home):
;   ISCC.exe /DAppVersion=<version> packaging\windows\skolehjem.iss
; Writes dist\skolehjem-<version>-windows-x64-setup.exe.

#ifndef AppVersion
  #error Give the version: ISCC.exe /DAppVersion=x.y.z (build.ps1 reads it from skolehjem_desktop\__init__.py)
#endif

#define AppName "Skolehjem"
#define AppExe "skolehjem.exe"
#define Bundle "..\..\dist\skolehjem"

[Setup]
; The AppId ties updates and the uninstaller together: never change it.
AppId={{21CDB107-7F82-437E-88BF-023AF63DA9BA}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=Skolehjem contributors
AppComments=School-home cooperation for contact teachers
VersionInfoVersion={#AppVersion}
; Per user: installs into %LOCALAPPDATA%\Programs, no UAC prompt, no admin rights.
PrivilegesRequired=lowest
DefaultDirName={localappdata}\Programs\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
UsePreviousAppDir=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
LicenseFile=..\..\LICENSE
SetupIconFile=..\icons\skolehjem.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
OutputDir=..\..\dist
OutputBaseFilename=skolehjem-{#AppVersion}-windows-x64-setup
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
; Close a running Skolehjem before its files are replaced (it saves as it goes).
CloseApplications=yes
RestartApplications=no
ShowLanguageDialog=auto

[Languages]
Name: "da"; MessagesFile: "compiler:Languages\Danish.isl"
Name: "en"; MessagesFile: "compiler:Default.isl"

[CustomMessages]
da.KeptData=Dine data er ikke slettet: de ligger i mappen Skolehjem under AppData\Roaming. Slet mappen selv, hvis de ikke skal bruges mere.
en.KeptData=Your data was kept: it is in the folder Skolehjem under AppData\Roaming. Delete that folder yourself if it is no longer needed.

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[InstallDelete]
; An update replaces the whole program folder: no stale modules of the old version stay.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#Bundle}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
; With PrivilegesRequired=lowest, {autoprograms} is the user's own Start menu.
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
Type: filesandordirs; Name: "{app}\_internal"

[Code]
procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
begin
  { The teacher's data lives outside the program folder and is never deleted here. }
  if (CurUninstallStep = usPostUninstall) and not UninstallSilent then
    MsgBox(ExpandConstant('{cm:KeptData}'), mbInformation, MB_OK);
end;
