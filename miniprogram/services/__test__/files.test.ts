import { documentType, openFile, type ExportedFile } from '../files';

const made = (name: string): ExportedFile => ({ fileID: `cloud://env/${name}`, name, url: `https://tmp.example/${encodeURIComponent(name)}`, expiresAt: 0, bytes: 100 });

beforeEach(() => jest.clearAllMocks());

describe('services/files', () => {
  test('when a name has a type WeChat opens as a document, then that is its type, whatever its case', () => {
    expect(['a.doc', 'a.DOCX', 'a.xls', 'a.xlsx', 'a.ppt', 'a.pptx', 'a.pdf'].map(documentType)).toEqual(['doc', 'docx', 'xls', 'xlsx', 'ppt', 'pptx', 'pdf']);
  });

  test('when a name has another type or none, then it has no document type (nothing is guessed as docx)', () => {
    expect(['台帐.zip', 'photo.png', 'notes.txt', 'no-extension', 'docx'].map(documentType)).toEqual([null, null, null, null, null]);
  });

  test('when a .zip is to be opened, then it is neither downloaded nor handed to openDocument, and the user is told how to get it', async () => {
    const opened = await openFile(made('领导点评台帐（2026年）.zip'));
    expect(opened).toBe(false);
    expect(wx.downloadFile).not.toHaveBeenCalled();
    expect(wx.openDocument).not.toHaveBeenCalled();
    expect(wx.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '微信不能直接打开这种文件，请发到聊天后在电脑上打开' }));
  });

  test('when a Word form is opened, then it is downloaded and opened as docx with the menu', async () => {
    const opened = await openFile(made('党员登记表.docx'));
    expect(opened).toBe(true);
    expect(wx.openDocument).toHaveBeenCalledWith(expect.objectContaining({ fileType: 'docx', showMenu: true, filePath: expect.stringContaining('wxfile://tmp/') }));
  });
});
