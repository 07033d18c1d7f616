#!/bin/bash
# After removing the Talon .deb. The data dir (/var/lib/talon: database, backups, logs) and
# /etc/talon are kept: a reinstall finds them, and a purge is the technician's decision.
APP=/opt/Talon
if type update-alternatives >/dev/null 2>&1; then
  update-alternatives --remove talon "$APP/talon" || true
else
  rm -f /usr/bin/talon
fi
# On an upgrade the new package's after-install puts these back at once.
if [ "$1" = remove ] || [ "$1" = purge ]; then
  if [ -d /run/systemd/system ]; then
    systemctl disable --now talon-hub.service || true
  fi
  rm -f /lib/systemd/system/talon-hub.service /etc/xdg/autostart/talon.desktop
  if [ -d /run/systemd/system ]; then systemctl daemon-reload || true; fi
fi
exit 0
