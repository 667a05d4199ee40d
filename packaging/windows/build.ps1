# Build the Windows app and its installer. Run from anywhere, on Windows 10/11 x64 with
# Python 3.11 (python.org) and Inno Setup 6 installed:
#   powershell -ExecutionPolicy Bypass -File packaging\windows\build.ps1
$ErrorActionPreference = "Stop"
Set-Location (Join-Path $PSScriptRoot "..\..")

if (-not (Test-Path .venv\Scripts\python.exe)) { py -3.11 -m venv .venv }
$py = ".venv\Scripts\python.exe"
& $py -m pip install -q -r requirements.lock
& $py -m pip install -q --no-deps --no-build-isolation -e .
if ($LASTEXITCODE) { throw "pip failed" }

# dist\skolehjem\skolehjem.exe (the window) and skolehjem-cli.exe (the command line).
& $py -m PyInstaller --noconfirm --clean packaging\skolehjem.spec
if ($LASTEXITCODE) { throw "PyInstaller failed" }
& dist\skolehjem\skolehjem-cli.exe --version
if ($LASTEXITCODE) { throw "the built program does not start" }

# The version has one home: skolehjem_desktop\__init__.py.
$version = (& $py -c "from skolehjem_desktop import __version__; print(__version__)").Trim()
$iscc = Join-Path ${env:ProgramFiles(x86)} "Inno Setup 6\ISCC.exe"
if (-not (Test-Path $iscc)) { $iscc = Join-Path $env:LOCALAPPDATA "Programs\Inno Setup 6\ISCC.exe" }
& $iscc "/DAppVersion=$version" packaging\windows\skolehjem.iss
if ($LASTEXITCODE) { throw "Inno Setup failed" }
Write-Host "Built dist\skolehjem-$version-windows-x64-setup.exe"
