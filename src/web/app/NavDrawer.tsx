import { Drawer } from 'antd';
import type { ReactNode } from 'react';

/** The navigation on small screens, sliding in from the left. */
export const NavDrawer = ({ open, onClose, title, children }: { open: boolean; onClose: () => void; title: string; children: ReactNode }) => (
  <Drawer placement="left" open={open} onClose={onClose} size={264} title={title} styles={{ body: { padding: 0 } }}>
    {children}
  </Drawer>
);
